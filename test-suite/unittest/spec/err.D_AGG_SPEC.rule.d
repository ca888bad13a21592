/* Speculation rule D_AGG_SPEC (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	@a = count();
}
