listen: 1 1 1
connect: connected
close: connected
close: connected
close: unconnected

