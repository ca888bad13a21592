/* An index past the last register, R_TRAPNO (25), is out of bounds, as Oracle says. */
BEGIN
{
	trace(uregs[42]);
}
