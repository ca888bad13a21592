one
begin 1
two
end 2

