/*
 * A variable first assigned an enumerator takes its enum type: right of it, an
 * enumerator of that enum is ambiguous with the global enumerator of the same name.
 */
enum colors { RED, GREEN, BLUE };

BEGIN
{
	self->c = GREEN;
	trace(self->c <= BLUE);
	exit(0);
}
