/*
 * A predicate must be a scalar: a char array is not.
 */
BEGIN
/curthread->comm/
{
	exit(0);
}
