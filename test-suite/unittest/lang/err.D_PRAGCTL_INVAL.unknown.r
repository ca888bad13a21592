-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_PRAGCTL_INVAL.unknown.d: [D_PRAGCTL_INVAL] line 4: invalid control directive: #frobnicate
