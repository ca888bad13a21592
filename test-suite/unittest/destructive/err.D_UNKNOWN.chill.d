/* chill() is refused with Oracle's message, never silently ignored. */
BEGIN
{
	chill(100);
}
