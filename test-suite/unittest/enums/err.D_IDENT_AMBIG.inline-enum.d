/*
 * An inline declared with an enum type has that type: right of it, an enumerator of the
 * enum is ambiguous with the global enumerator of the same name.
 */
enum colors { RED, GREEN, BLUE };

inline enum colors FAVOURITE = GREEN;

BEGIN
{
	trace(FAVOURITE != BLUE);
	exit(0);
}
