-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_PRINT_SIZE.void.d: [D_PRINT_SIZE] line 7: print( ) argument #1 reference has type 'void' with size 0; cannot print( ) it.
