/*
 * #pragma D option quiet.
 */
#pragma D option quiet

BEGIN
{
	trace("a");
	exit(0);
}
