status 0
frames
values 17 wide
no other lines
entries separated
