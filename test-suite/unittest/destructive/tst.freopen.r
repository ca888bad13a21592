one
three

status 0
file:
two
