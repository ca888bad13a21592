/* Speculation rule D_SPEC_COMM (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	commit(s);
	speculate(s);
}
