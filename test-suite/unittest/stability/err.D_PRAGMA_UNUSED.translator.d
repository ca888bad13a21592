/*
 * Attributes for the next translator stay pending when no translator follows:
 * the pragma is unused.
 */
struct in {
	int a;
};

struct out {
	int b;
};

translator struct out < struct in *I > {
	b = 1;
};

#pragma D attributes Evolving/Evolving/ISA translator

dtrace:::BEGIN
{
	exit(0);
}
