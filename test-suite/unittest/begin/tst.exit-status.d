/*
 * dtrace exits with the status given to exit().
 */
/* @@status: 7 */
#pragma D option quiet

BEGIN
{
	exit(7);
}
