/*
 * aggpack: quantize() one line per key, a character per bucket, over the same range of
 * buckets for every key (widened by one bucket each way, not below 0's bucket).
 */
#pragma D option quiet
#pragma D option aggpack
#pragma D option encoding=ascii
#pragma D option aggsortkey

BEGIN
{
	@["alpha"] = quantize(1);
	@["alpha"] = quantize(3, 2);
	@["alpha"] = quantize(100);
	@["beta"] = quantize(8, 4);
	@["beta"] = quantize(16);
	@["gamma"] = quantize(0, 3);
	@["gamma"] = quantize(-2);
	exit(0);
}
