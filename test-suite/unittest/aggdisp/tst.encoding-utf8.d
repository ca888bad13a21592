/*
 * encoding=utf8: all-positive bars drawn in eighths of a column with U+2588..U+258F; a
 * histogram with negative counts keeps its @ bars.
 */
/* @@runtest-opts: -x encoding=utf8 */
#pragma D option quiet

BEGIN
{
	@q = quantize(1);
	@q = quantize(2, 2);
	@m = lquantize(1, 0, 4, 1, 3);
	@m = lquantize(2, 0, 4, 1, -1);
	exit(0);
}
