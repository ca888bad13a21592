/* Speculation rule D_ACT_SPEC (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	raise(9);
}
