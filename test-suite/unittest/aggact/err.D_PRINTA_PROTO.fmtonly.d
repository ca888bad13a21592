/*
 * printa() with a format needs an aggregation after it.
 */

BEGIN
{
	@a = count(); printa("%@d\n");
	exit(0);
}
