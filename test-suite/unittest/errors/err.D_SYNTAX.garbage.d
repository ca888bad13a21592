/*
 * An expression missing an operand.
 */
BEGIN
{
	trace(1 +);
}
