/*
 * Actions may not be operands of the comma operator.
 */
BEGIN
{
	trace(1), trace(2);
	exit(0);
}
