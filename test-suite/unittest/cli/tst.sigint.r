start

end

                5
status 0
