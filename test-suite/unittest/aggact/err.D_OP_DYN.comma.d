/*
 * An aggregation cannot be an operand of the comma operator.
 */

BEGIN
{
	@a = count(); x = (@a, 0);
	exit(0);
}
