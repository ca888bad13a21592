/*
 * trace() in quiet mode: no padding, no row prefix, no record newline.
 */
#pragma D option quiet

BEGIN
{
	trace("a");
	trace(1);
	trace(-2);
	trace(1234567890123);
	trace("\n");
	exit(0);
}
