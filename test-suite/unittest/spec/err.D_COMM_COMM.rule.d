/* Speculation rule D_COMM_COMM (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	commit(s);
	commit(s);
}
