/*
 * Reading a variable never assigned.
 */
BEGIN
{
	trace(nosuchvar);
}
