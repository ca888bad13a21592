/*
 * An aggregation cannot be an operand of ?:.
 */

BEGIN
{
	@a = count(); x = 1 ? @a : 0;
	exit(0);
}
