-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_DECL_LOCASSC.this-assoc.d: [D_DECL_LOCASSC] line 4: associative arrays may not be declared as local variables: a
