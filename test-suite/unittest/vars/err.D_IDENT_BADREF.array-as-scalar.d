/*
 * An associative array used as a scalar.
 */
BEGIN
{
	a["k"] = 1;
	trace(a);
}
