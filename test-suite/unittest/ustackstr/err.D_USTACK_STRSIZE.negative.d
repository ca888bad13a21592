/* ustack()'s second argument, the string space, must be a positive integer constant. */
BEGIN
{
	ustack(5, -1);
}
