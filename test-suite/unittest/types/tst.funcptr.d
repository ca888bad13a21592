/*
 * A kernel function pointer is a pointer: it compares with 0 and with other pointers, has
 * the size of one and can be stored in a pointer variable.
 */
#pragma D option quiet

BEGIN
{
	this->fn = curthread->restart_block.fn;
	printf("%d %d %d\n", this->fn != 0, sizeof (curthread->restart_block.fn),
	    this->fn == curthread->restart_block.fn);
	exit(0);
}
