/*
 * A kernel function pointer points to a function, which cannot be dereferenced.
 */
BEGIN
{
	trace(*curthread->restart_block.fn);
	exit(0);
}
