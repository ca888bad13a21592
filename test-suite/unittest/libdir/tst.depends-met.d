/*
 * depends_on a provider that has probes and a module whose types are known compiles.
 */
#pragma D depends_on provider syscall
#pragma D depends_on provider dtrace
#pragma D depends_on module vmlinux
#pragma D option quiet

BEGIN
{
	printf("ok\n");
	exit(0);
}
