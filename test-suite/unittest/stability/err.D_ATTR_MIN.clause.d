/*
 * The attributes of a clause's probe description are checked first: BEGIN names no
 * provider, so it has DTrace's unstable description attributes, below the minimum. DTrace
 * names the line that ends the clause.
 */

#pragma D option quiet
#pragma D option amin=Evolving/Evolving/Common

BEGIN
{
	trace(curthread);
	exit(0);
}
