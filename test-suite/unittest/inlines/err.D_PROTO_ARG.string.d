/* An argument must be compatible with its parameter's type. */
inline int sq[int x] = x * x;

BEGIN
{
	trace(sq["three"]);
}
