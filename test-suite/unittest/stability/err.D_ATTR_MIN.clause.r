-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.clause.d: [D_ATTR_MIN] line 14: attributes for clause (Unstable/Unstable/Common) are less than predefined minimum
