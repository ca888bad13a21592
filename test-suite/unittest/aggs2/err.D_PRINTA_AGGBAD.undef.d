/*
 * printa() of an undefined aggregation.
 */

BEGIN
{
	printa(@nope);
	exit(0);
}
