/*
 * A type name where the declarator belongs, then another name.
 */
int uint64_t x;

BEGIN
{
	exit(0);
}
