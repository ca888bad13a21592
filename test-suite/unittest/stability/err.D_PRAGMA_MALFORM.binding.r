-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_PRAGMA_MALFORM.binding.d: [D_PRAGMA_MALFORM] line 4: malformed #pragma binding "version" <ident>
