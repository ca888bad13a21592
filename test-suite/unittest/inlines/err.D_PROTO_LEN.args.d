/* An inline with parameters takes exactly as many arguments as it declares. */
inline int add[int x, int y] = x + y;

BEGIN
{
	trace(add[1]);
}
