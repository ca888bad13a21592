/*
 * bcopy()'s source is a void *: an integer is not compatible with it.
 */
BEGIN
{
	p = alloca(8);
	bcopy(1234, p, 8);
}
