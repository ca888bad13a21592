/*
 * Default output: the header, one row for the BEGIN firing with the traced string, then dtrace's final newline.
 */
BEGIN
{
	trace("hello");
	exit(0);
}
