fault 1 addr 0
fault 1 addr 0
fault 1 addr 0
a b 1
fault 1 addr 0

status 0
dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): invalid address (0x0) in action #1
dtrace: error on enabled probe ID 2 (ID 1: dtrace:::BEGIN): invalid address (0x0) in action #1
dtrace: error on enabled probe ID 3 (ID 1: dtrace:::BEGIN): invalid address (0x0) in action #1
dtrace: error on enabled probe ID 5 (ID 1: dtrace:::BEGIN): invalid address (0x0) in action #1
