/*
 * aggzoom: the bars of quantize() are scaled to the largest count, drawn at 95% of the
 * width, instead of the total (illumos dt_quantize_total).
 */
#pragma D option quiet
#pragma D option aggzoom

BEGIN
{
	@ = quantize(1);
	@ = quantize(2, 5);
	@ = quantize(4, 2);
	exit(0);
}
