/*
 * count(), printed at exit after dtrace's newline.
 */
#pragma D option quiet

BEGIN
{
	@a = count();
	@a = count();
	exit(0);
}
