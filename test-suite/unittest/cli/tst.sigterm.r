start

end

                1
status 0
