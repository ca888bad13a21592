dtrace: invalid probe specifier pid$target::pid_insn_fn:2 { exit(0); }: [D_PROC_ALIGN] offset 0x2 is not aligned on an instruction
status 1
dtrace: invalid probe specifier pid$target::pid_insn_fn:0x5 { exit(0); }: [D_PROC_ALIGN] offset 0x5 is not aligned on an instruction
status 1
dtrace: invalid probe specifier pid$target::pid_insn_fn:b { exit(0); }: [D_PROC_OFF] offset 0xb outside of function 'pid_insn_fn'
status 1
dtrace: invalid probe specifier pid$target::pid_insn_fn:foo { exit(0); }: [D_PROC_NAME] 'foo' is an invalid probe name
status 1
