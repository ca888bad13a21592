/*
 * aggsortkey: by key (strings byte by byte, integers unsigned), not by value.
 */
#pragma D option quiet
#pragma D option aggsortkey

BEGIN
{
	@["b", 2] = count();
	@["a", 9] = count();
	@["a", 9] = count();
	@["b", 1] = count();
	exit(0);
}
