/*
 * A global scalar indexed as an associative array.
 */
BEGIN
{
	x = 1;
	x[1, 2] = 3;
}
