ERROR arg1=1 arg2=3 arg3=-1 arg4=4 arg5=0 divzero=1
next clause

-- @@stderr --
dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): divide-by-zero in action #3
