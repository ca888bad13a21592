/* tracemem()'s size must be a non-zero positive constant. */
BEGIN
{
	tracemem(0, 0);
}
