/* Speculation rule D_SPEC_SPEC (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	speculate(s);
}
