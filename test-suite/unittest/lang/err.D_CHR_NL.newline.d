/*
 * A character constant cannot span lines.
 */
BEGIN
{
	x = 'a
';
}
