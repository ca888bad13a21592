pid_insn_fn entry
pid_insn_fn return
pid_insn_fn 0
pid_insn_fn 1
pid_insn_fn 4
pid_insn_fn 9
pid_insn_fn a
status 0
pid_insn_fn 0
pid_insn_fn 1
pid_insn_fn 4
pid_insn_fn 9
pid_insn_fn a
4
9
a
fired 7

status 0
