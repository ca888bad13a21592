-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_FUNC_UNDEF.version.d: [D_FUNC_UNDEF] line 9: undefined function name: strstr
