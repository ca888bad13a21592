/*
 * trace() of integers in default mode: int as " %10d", long as " %19ld" (Oracle's widths).
 */
BEGIN
{
	trace(1);
	trace(-1);
	trace(1234567890123);
	exit(0);
}
