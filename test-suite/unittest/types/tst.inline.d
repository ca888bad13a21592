/*
 * inline declarations are replaced by their value, converted to their type.
 */
#pragma D option quiet

inline int three = 3;
inline char small = 257;
inline string greeting = "hello";

BEGIN
{
	printf("%d %d %s %d\n", three * 2, small, greeting, sizeof (small));
	exit(0);
}
