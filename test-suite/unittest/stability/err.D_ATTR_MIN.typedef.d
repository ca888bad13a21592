/*
 * A kernel typedef is Private/Private/Unknown: below an Unstable minimum.
 */
/* @@runtest-opts: -x amin=Unstable/Unstable/Common */

dtrace:::BEGIN
{
	trace((sector_t)arg0);
	exit(0);
}
