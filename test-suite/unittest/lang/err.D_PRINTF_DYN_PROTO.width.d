/*
 * A * width needs its own argument.
 */
BEGIN
{
	printf("%*d");
}
