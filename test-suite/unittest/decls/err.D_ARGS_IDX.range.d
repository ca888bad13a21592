/*
 * args[] has one element per probe argument: index 12 is past every probe's.
 */
BEGIN
{
	trace(args[12]);
	exit(0);
}
