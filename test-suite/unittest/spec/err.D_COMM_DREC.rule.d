/* Speculation rule D_COMM_DREC (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	trace(1);
	commit(s);
}
