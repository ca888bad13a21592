/*
 * agghist and aggpack at once: agghist takes count(), aggpack quantize(), max() prints as
 * always.
 */
/* @@runtest-opts: -x agghist -x aggpack -x encoding=ascii -x aggsortkey */
#pragma D option quiet

BEGIN
{
	@c["a"] = count();
	@c["b"] = count();
	@c["b"] = count();
	@c["b"] = count();
	@q["a"] = quantize(5);
	@q["b"] = quantize(1);
	@m["a"] = max(7);
	exit(0);
}
