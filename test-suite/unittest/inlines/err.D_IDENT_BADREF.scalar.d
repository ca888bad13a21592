/* An inline with parameters is referenced with its arguments, not as a scalar. */
inline int sq[int x] = x * x;

BEGIN
{
	trace(sq);
}
