-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_PRAGMA_INVAL.binding.d: [D_PRAGMA_INVAL] line 4: invalid version string specified by #pragma binding
