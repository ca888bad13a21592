fits
fault 5

status 0
dtrace: error on enabled probe ID 2 (ID 1: dtrace:::BEGIN): out of scratch space in action #2
fault 5

status 0
dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): out of scratch space in action #2
292 of 300

