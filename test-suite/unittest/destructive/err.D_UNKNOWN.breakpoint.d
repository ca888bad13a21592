/* breakpoint() is refused, never silently ignored. */
BEGIN
{
	breakpoint();
}
