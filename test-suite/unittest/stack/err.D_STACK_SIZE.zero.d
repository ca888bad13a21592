/* stack()'s frame count must be a positive constant. */
BEGIN
{
	stack(0);
}
