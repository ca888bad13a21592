1
status 0
[D_IDENT_UNDEF] failed to resolve curpsinfo: Unknown variable name
[D_MACRO_UNUSED]

status 0
[D_EMPTY]
0
