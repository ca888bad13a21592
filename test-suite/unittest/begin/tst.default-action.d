/*
 * An empty clause still prints its probe row, as does one with only exit().
 */
BEGIN
{
}

BEGIN
{
	exit(0);
}
