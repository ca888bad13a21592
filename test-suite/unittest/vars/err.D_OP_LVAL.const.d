/*
 * Assignment to something that is not an lvalue.
 */
BEGIN
{
	1 = 2;
}
