/*
 * The D library's constants: error numbers (errno.d), signal numbers (signal.d) and
 * open(2) flags (io.d) have Linux's x86_64 values.
 */
#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", EPERM, ENOENT, EAGAIN, EWOULDBLOCK, ECONNREFUSED,
	    EHWPOISON);
	printf("%d %d %d %d %d %d\n", SIGHUP, SIGKILL, SIGTERM, SIGCHLD, SIGRTMIN, SIGRTMAX);
	printf("%x %x %x %x\n", O_WRONLY | O_CREAT | O_TRUNC, O_APPEND, O_CLOEXEC, O_SYNC);
	exit(0);
}
