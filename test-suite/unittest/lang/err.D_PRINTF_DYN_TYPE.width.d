/*
 * A * width must be an integer.
 */
BEGIN
{
	printf("%*d", "wide", 1);
}
