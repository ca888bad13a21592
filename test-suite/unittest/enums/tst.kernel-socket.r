listen: 1 1 1
listen: 1 0
connect: connected
close: connected
close: connected
close: unconnected

