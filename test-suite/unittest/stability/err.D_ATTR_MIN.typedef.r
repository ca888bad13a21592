-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.typedef.d: [D_ATTR_MIN] line 8: attributes for type sector_t (Private/Private/Unknown) are less than predefined minimum
