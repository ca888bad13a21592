/*
 * sdt arguments are the tracepoint's fields in order: signal:signal_generate has sig, errno,
 * code, comm, pid, group, result. The trigger sigqueue()s SIGUSR2 (12) to itself: code is
 * SI_QUEUE (-1, sign-extended from an int field), the target pid its own, result 0
 * (delivered), and comm an array, passed as its address.
 */
/* @@trigger: signal-self */
#pragma D option quiet

sdt:signal::signal_generate
/arg4 == $target/
{
	printf("sig %d errno %d code %d pid-ok %d group %d result %d comm-addr %d\n",
	    arg0, arg1, arg2, arg4 == $target, arg5, arg6, arg3 != 0);
	exit(0);
}
