/*
 * aggsortrev: largest value first (ties: keys in reverse too).
 */
#pragma D option quiet
#pragma D option aggsortrev

BEGIN
{
	@[1] = sum(5);
	@[2] = sum(50);
	@[3] = sum(5);
	exit(0);
}
