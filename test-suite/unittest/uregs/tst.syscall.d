/*
 * uregs[] in syscall probes are the registers of the system call: at getppid(2)'s entry
 * R_ERR (orig_rax) is its number, 110, and rax holds -ENOSYS (-38) as the kernel sets it
 * before the call; at its return rax is the return value, the parent's pid. The thread's
 * TLS base (R_FS) is set in a threaded process.
 */
/* @@trigger: getppid-loop */
#pragma D option quiet

syscall::getppid:entry
/pid == $target/
{
	printf("entry nr %d rax %d fs-set %d\n", uregs[R_ERR], (long)uregs[R_RAX],
	    uregs[R_FS] != 0);
}

syscall::getppid:return
/pid == $target/
{
	printf("return nr %d rax-is-ppid %d rax-is-arg0 %d\n", uregs[R_ERR], uregs[R_RAX] == ppid,
	    uregs[R_RAX] == arg0);
	exit(0);
}
