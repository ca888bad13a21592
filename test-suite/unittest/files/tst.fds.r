status 0
name, dir, offset, flags ok
pathname ok
fs ok
1 1
<none> <none> <none> 0

pipe fs, empty name ok
pipe path ok
