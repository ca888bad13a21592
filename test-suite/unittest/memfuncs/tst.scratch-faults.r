fault 1
fault 1
fault 5
all of it again

status 0
dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): invalid address (0xADDR) in action #2
dtrace: error on enabled probe ID 2 (ID 1: dtrace:::BEGIN): invalid address (0xADDR) in action #2
dtrace: error on enabled probe ID 3 (ID 1: dtrace:::BEGIN): out of scratch space in action #2
