-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_PRINTF_DYN_PROTO.width.d: [D_PRINTF_DYN_PROTO] line 6: printf( ) prototype mismatch: conversion #1 (%d) is missing a corresponding "*" argument
