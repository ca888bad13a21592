-- @@stderr --
dtrace: failed to compile script test-suite/unittest/dynstruct/err.D_ADDROF_VAR.self-struct.d: [D_ADDROF_VAR] line 12: cannot take address of dynamic variable
