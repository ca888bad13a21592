/*
 * A D program may define the provider of the usdt probes it enables (here the
 * trigger's, built with plain <sys/sdt.h>, whose notes carry no types): args[]
 * then has the definition's output types, each the native argument it names,
 * while argN stay in the native order. fire(42, -7, 0x123456789).
 */
/* @@trigger: usdt-probes */
#pragma D option quiet

provider dttest {
	probe fire(int a, long b, long long c) : (long long c, int a, short b);
	probe loop(int i);
};

dttest$target:::fire
{
	printf("%x %d %d %d %d\n", args[0], args[1], args[2], sizeof (args[2]), arg0);
}

dttest$target:::loop
{
	printf("%d %d\n", args[0], sizeof (args[0]));
}
