[D_MACRO_OFLOW]
status 1
[D_MACRO_UNUSED]
status 1
