/*
 * A clause-local variable read before anything assigns it.
 */
BEGIN
{
	trace(this->x);
	exit(0);
}
