/*
 * copyinstr() of an invalid address is an invalid address fault with that address.
 */
#pragma D option quiet

ERROR
{
	printf("fault %d value 0x%x\n", arg4, arg5);
}

BEGIN
{
	trace(copyinstr(16));
}

BEGIN
{
	exit(0);
}
