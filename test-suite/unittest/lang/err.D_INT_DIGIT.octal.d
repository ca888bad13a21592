/*
 * 8 is no octal digit.
 */
BEGIN
{
	x = 0189;
}
