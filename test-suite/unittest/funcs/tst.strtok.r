[foo]
[//bar]
[,baz]
[a]
[b]

