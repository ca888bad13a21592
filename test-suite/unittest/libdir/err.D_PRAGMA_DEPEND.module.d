/*
 * A kernel module that is not loaded (no types for it).
 */
#pragma D depends_on module nosuchmodule

BEGIN
{
	exit(0);
}
