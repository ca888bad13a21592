missing 0
1 0 5 9 7
fault 11, a[3] 9

-- @@stderr --
dtrace: error on enabled probe ID 2 (ID 1: dtrace:::BEGIN): index out of bounds (4) in action #1
