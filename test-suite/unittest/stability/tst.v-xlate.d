/* @@runtest-opts: -qv */
/*
 * An xlate has the attributes of the expression translated and of the translator
 * used, which are those `#pragma D attributes ... translator` gives the
 * translators defined after it (Stable/Stable/Common without one): here the
 * statement's minimum is the translator's Evolving/Evolving/ISA.
 */
struct in {
	int a;
};

struct out {
	int b;
};

#pragma D attributes Evolving/Evolving/ISA translator

translator struct out < struct in *I > {
	b = 1;
};

dtrace:::BEGIN
{
	trace(xlate <struct out *> ((struct in *)arg0)->b);
	exit(0);
}
