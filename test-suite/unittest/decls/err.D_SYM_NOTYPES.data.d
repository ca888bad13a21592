/*
 * A kernel data symbol with no type (no BTF variable, no extern declaration)
 * cannot be read.
 */
BEGIN
{
	trace(`__start_notes);
	exit(0);
}
