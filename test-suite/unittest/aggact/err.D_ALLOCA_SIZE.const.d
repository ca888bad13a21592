/*
 * A constant alloca() size beyond scratchsize (less DTrace's 8-byte NULL) never fits.
 */

BEGIN
{
	p = alloca(1000);
	exit(0);
}
