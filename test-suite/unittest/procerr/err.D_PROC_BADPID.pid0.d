/*
 * pid0 names no process: process 0 is the kernel's.
 */
pid0:::entry
{
	exit(0);
}
