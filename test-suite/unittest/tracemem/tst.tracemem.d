/*
 * tracemem() of a user buffer (the path openat() was given) prints DTrace's hex dump; the
 * three-argument form prints only the dynamic size's bytes.
 */
/* @@trigger: openat-known */
#pragma D option quiet

syscall::openat:entry
/pid == $target && arg2 == 0x900/
{
	tracemem(arg1, 14);
	tracemem(arg1, 32, 5);
}
