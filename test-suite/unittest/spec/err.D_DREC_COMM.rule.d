/* Speculation rule D_DREC_COMM (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	commit(s);
	trace(1);
}
