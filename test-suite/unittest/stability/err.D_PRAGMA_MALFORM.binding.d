/*
 * #pragma D binding takes a quoted version and an identifier.
 */
#pragma D binding lim

inline int lim = 3;

BEGIN
{
	exit(0);
}
