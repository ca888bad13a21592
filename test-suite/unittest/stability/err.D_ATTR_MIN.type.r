-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.type.d: [D_ATTR_MIN] line 8: attributes for type struct task_struct * (Private/Private/Unknown) are less than predefined minimum
