/*
 * A D enumerator is a global identifier as well: right of an operand of its own enum type
 * it names both the enum's enumerator and that global, which is ambiguous.
 */
enum colors { RED, GREEN, BLUE };

enum colors c;

BEGIN
{
	c = RED;
	trace(c == GREEN);
	exit(0);
}
