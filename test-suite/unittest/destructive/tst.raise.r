raised

status 0
target killed
