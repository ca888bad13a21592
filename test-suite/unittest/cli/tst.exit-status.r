
status 3
end

status 0
