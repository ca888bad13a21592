/*
 * printa() needs an aggregation.
 */

BEGIN
{
	printa(1);
	exit(0);
}
