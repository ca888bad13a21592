/*
 * A thread-local variable read before anything assigns it.
 */
BEGIN
{
	trace(self->x);
	exit(0);
}
