/*
 * pid entry probes see the function's arguments (the first six in registers, the rest on
 * the stack); return probes see arg0 = -1 (no return offset, as Oracle) and arg1 = the
 * return value. The trigger calls pid_args_fn(1, ..., 8) once; it returns 36.
 */
/* @@trigger: pid-args */
#pragma D option quiet

pid$target:a.out:pid_args_fn:entry
{
	printf("%s %s %s %d %d %d %d %d %d %d %d\n", probemod, probefunc, probename,
	    arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7);
}

pid$target::pid_args_fn:return
{
	printf("%s %d %d\n", probename, arg0, arg1);
	exit(0);
}
