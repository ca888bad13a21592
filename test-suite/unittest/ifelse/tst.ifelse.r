start
big 3
three
nested right
end 1

