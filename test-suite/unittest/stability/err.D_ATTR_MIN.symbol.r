-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.symbol.d: [D_ATTR_MIN] line 11: attributes for symbol vmlinux`__start_BTF (Private/Private/Unknown) are less than predefined minimum
