/*
 * An empty character constant.
 */
BEGIN
{
	x = '';
}
