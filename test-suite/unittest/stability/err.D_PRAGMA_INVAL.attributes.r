-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_PRAGMA_INVAL.attributes.d: [D_PRAGMA_INVAL] line 4: invalid attributes specified by #pragma attributes
