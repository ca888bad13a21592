/* panic() is refused, never silently ignored. */
BEGIN
{
	panic();
}
