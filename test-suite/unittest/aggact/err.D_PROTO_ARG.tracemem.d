/*
 * tracemem()'s dynamic size is a size_t: a string fails the prototype.
 */

BEGIN
{
	tracemem(arg0, 8, "x");
	exit(0);
}
