-- @@stderr --
dtrace: failed to compile script test-suite/unittest/locks/err.D_PROTO_ARG.rw_iswriter-mutex.d: [D_PROTO_ARG] line 6: rw_iswriter( ) argument #1 is incompatible with prototype:
	prototype: rwlock_t *
	 argument: struct mutex *
