#!/bin/bash
# print() of a kernel struct reached through curthread: struct task_struct from BTF, its
# members named with the kernel's typedefs (pid_t) and its char array printed by character.
# @@trigger: getppid-loop
out=$($dtrace -q -c "$trigger 1" -n '
syscall::getppid:entry
/pid == $target/
{
	print(curthread);
	exit(0);
}')
echo "status $?"
pid=$(echo "$out" | sed -n 's/^ \{45\}\.pid = (pid_t)\([0-9]*\),$/\1/p')
echo "$out" | head -2 | sed 's/0x[0-9a-f]*/{ptr}/g'
echo "pid line: $([ -n "$pid" ] && [ "$pid" -gt 0 ] && echo yes)"
echo "$out" | grep -A3 '^ \{45\}\.comm = (char \[16\]) \[$'
