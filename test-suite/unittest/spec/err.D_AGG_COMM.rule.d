/* Speculation rule D_AGG_COMM (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	commit(s);
	@a = count();
}
