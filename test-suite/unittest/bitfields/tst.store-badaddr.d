/*
 * A bit-field store through a pointer outside the clause's alloca()'d memory is refused
 * at run time: the ERROR probe fires with an invalid address fault and tracing goes on.
 */
#pragma D option quiet

struct bf {
	unsigned lo : 4;
	unsigned hi : 4;
};

BEGIN
{
	((struct bf *)0)->hi = 1;
}

ERROR
{
	printf("fault %d at %x\n", arg4, arg5);
}

BEGIN
{
	printf("goes on\n");
	exit(0);
}
