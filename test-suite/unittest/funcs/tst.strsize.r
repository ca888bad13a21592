[abcdefgh]
[abcdef]
[ABCDEFGH]
[cdefgh]
[12345678]
[0xff]
[12345678]
[8]

