hey 42 7
fault 1
fault 1
fault 1
fault 1
fault 1

status 0
dtrace: error on enabled probe ID 2 (ID 1: dtrace:::BEGIN): invalid address (0xADDR) in action #2
dtrace: error on enabled probe ID 3 (ID 1: dtrace:::BEGIN): invalid address (0xADDR) in action #2
dtrace: error on enabled probe ID 4 (ID 1: dtrace:::BEGIN): invalid address (0xADDR) in action #3
dtrace: error on enabled probe ID 5 (ID 1: dtrace:::BEGIN): invalid address (0xADDR) in action #1
dtrace: error on enabled probe ID 6 (ID 1: dtrace:::BEGIN): invalid address (0xADDR) in action #1
