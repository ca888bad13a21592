-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_VAR_UNDEF.this.d: [D_VAR_UNDEF] line 6: this->x has not yet been declared or assigned
