-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_PRAGMA_OPTSET.version-raise.d: [D_PRAGMA_OPTSET] line 6: failed to set option 'version' to '1.1': Requested version conflicts with earlier setting
