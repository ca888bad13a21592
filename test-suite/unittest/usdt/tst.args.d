/*
 * usdt probes from <sys/sdt.h>: dttest:fire(int 42, long -7, long long 0x123456789) guarded
 * by its semaphore (it fires only if attaching raised it), then dttest:loop(i) for i = 0..2.
 * Arguments come from the notes' operand specifications (registers here).
 */
/* @@trigger: usdt-probes */
#pragma D option quiet

dttest$target:::fire
{
	printf("%s %s %d %d %x\n", probefunc, probename, arg0, arg1, arg2);
}

dttest$target:::loop
{
	printf("%s %s %d\n", probefunc, probename, arg0);
}
