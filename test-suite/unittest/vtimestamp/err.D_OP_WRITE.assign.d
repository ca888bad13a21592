/*
 * vtimestamp is read-only, like DTrace's other built-in variables.
 */
BEGIN
{
	vtimestamp = 1;
}
