/*
 * A character constant holds at most 8 characters.
 */
BEGIN
{
	x = 'abcdefghi';
}
