-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.xlate.d: [D_ATTR_MIN] line 22: attributes for operator xlate (Private/Private/Unknown) are less than predefined minimum
