/* Speculation rule D_EXIT_SPEC (dt_compile_one_clause). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	exit(0);
}
