/*
 * #pragma D binding needs a version string DTrace can read (dt_version_str2num).
 */
#pragma D binding "1.x" lim

inline int lim = 3;

BEGIN
{
	exit(0);
}
