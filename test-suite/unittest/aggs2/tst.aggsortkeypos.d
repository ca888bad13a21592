/*
 * aggsortkey with aggsortkeypos=1: the second key field first, then the first.
 */
#pragma D option quiet
#pragma D option aggsortkey
#pragma D option aggsortkeypos=1

BEGIN
{
	@["b", 2] = count();
	@["a", 9] = count();
	@["a", 9] = count();
	@["b", 1] = count();
	@["a", 1] = count();
	exit(0);
}
