n=4 errors=3

status 0
dtrace: error on enabled probe ID 3 (ID nnn: profile:::tick-10ms): divide-by-zero in action #2
dtrace: error on enabled probe ID 3 (ID nnn: profile:::tick-10ms): divide-by-zero in action #2
dtrace: error on enabled probe ID 3 (ID nnn: profile:::tick-10ms): divide-by-zero in action #2
