/*
 * print() of a void pointer: what it references has size 0.
 */

BEGIN
{
	print((void *)arg0);
	exit(0);
}
