/* @@runtest-opts: -qv */
/*
 * #pragma D attributes sets the attributes of a program's own identifier (an inline here)
 * and of a part of a provider's descriptions: the dtrace provider's probe names become
 * Evolving/Evolving/Common, and the inline Unstable/Evolving/ISA. A binding of a valid
 * version is accepted.
 */
#pragma D attributes Evolving/Evolving/Common provider dtrace name

inline int lim = 3;
#pragma D attributes Unstable/Evolving/ISA lim
#pragma D binding "1.1" lim

dtrace:::BEGIN
{
	printf("%d\n", lim);
	exit(0);
}
