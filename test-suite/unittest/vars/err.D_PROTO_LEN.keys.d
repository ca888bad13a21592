/*
 * An associative array used with the wrong number of keys.
 */
BEGIN
{
	a["k", 1] = 1;
	trace(a["k"]);
}
