/*
 * htons() is Evolving/Evolving/Common in DTrace's identifier table: below a Stable minimum
 * given on the command line. A call is named with the kind of function it is.
 */
/* @@runtest-opts: -x amin=Stable/Stable/Common */

dtrace:::BEGIN
{
	trace(htons(1));
	exit(0);
}
