fault 11 badindex=1 value 4
fault 11 badindex=1 value -1
arr[3] = 9

-- @@stderr --
dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): index out of bounds (4) in action #2
dtrace: error on enabled probe ID 2 (ID 1: dtrace:::BEGIN): index out of bounds (-1) in action #2
