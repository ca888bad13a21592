/*
 * #pragma D attributes takes stability and class names DTrace knows.
 */
#pragma D attributes Stable/Solid/Common lim

inline int lim = 3;

BEGIN
{
	exit(0);
}
