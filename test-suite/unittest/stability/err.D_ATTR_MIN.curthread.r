-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.curthread.d: [D_ATTR_MIN] line 11: attributes for scalar curthread (Stable/Private/Common) are less than predefined minimum
