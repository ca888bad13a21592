/*
 * ++ needs to know the size of what a pointer points to: not void.
 */
BEGIN
{
	this->p = (void *)0;
	this->p++;
	exit(0);
}
