-- @@stderr --
dtrace: failed to compile script test-suite/unittest/locks/err.D_PROTO_ARG.mutex_owned-int.d: [D_PROTO_ARG] line 6: mutex_owned( ) argument #1 is incompatible with prototype:
	prototype: struct mutex *
	 argument: int
