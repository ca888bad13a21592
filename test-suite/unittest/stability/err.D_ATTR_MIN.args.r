-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.args.d: [D_ATTR_MIN] line 11: attributes for associative array args (Private/Private/ISA) are less than predefined minimum
