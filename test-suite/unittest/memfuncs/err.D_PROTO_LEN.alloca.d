/*
 * alloca() takes exactly one argument.
 */
BEGIN
{
	p = alloca(8, 8);
}
