/* Speculation rule D_SPEC_DREC (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	trace(1);
	speculate(s);
}
