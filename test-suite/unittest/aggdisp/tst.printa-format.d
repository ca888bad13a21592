/*
 * aggzoom and encoding=utf8 also draw the histograms of printa()'s %@ conversion.
 */
#pragma D option quiet
#pragma D option aggzoom

BEGIN
{
	@["k"] = quantize(1);
	@["k"] = quantize(2, 3);
	printa("key %s:%@d\n", @);
	setopt("encoding", "utf8");
	setopt("aggzoom", "no");
	printa("key %s:%@d\n", @);
	exit(0);
}
