status 0
stack frames
values after the frames
symbol rows
