/*
 * A translator given Private attributes makes its xlate Private: below a Stable
 * minimum.
 */
/* @@runtest-opts: -x amin=Stable/Stable/Common */
struct in {
	int a;
};

struct out {
	int b;
};

#pragma D attributes Private/Private/Unknown translator

translator struct out < struct in *I > {
	b = 1;
};

dtrace:::BEGIN
{
	trace(xlate <struct out *> ((struct in *)arg0)->b);
	exit(0);
}
