/*
 * llquantize() with a low magnitude above 0: values below factor^low share the "abs() < N"
 * bucket, values beyond factor^(high+1) the ">= N" one; negative values have their own
 * buckets below (Oracle's layout), and then the bucket below factor^low is "abs() < N".
 */
#pragma D option quiet

BEGIN
{
	@a = llquantize(5, 10, 1, 2, 10);
	@a = llquantize(5000, 10, 1, 2, 10);
	@b = llquantize(-20, 10, 1, 2, 10);
	@b = llquantize(5, 10, 1, 2, 10);
	exit(0);
}
