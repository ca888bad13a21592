/*
 * A kernel function pointer has a function pointer type, named as C names it.
 */
BEGIN
{
	trace(curthread->restart_block.fn == "fn");
	exit(0);
}
