-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_ATTR_MIN.func.d: [D_ATTR_MIN] line 9: attributes for function htons( ) (Evolving/Evolving/Common) are less than predefined minimum
