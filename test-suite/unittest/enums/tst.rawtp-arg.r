relative 1

status 0
