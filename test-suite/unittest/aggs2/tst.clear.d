/*
 * clear() zeroes the values and keeps the keys: they print with 0. The consumer clears
 * when it reads the record, before END runs.
 */
#pragma D option quiet

BEGIN
{
	@s["x"] = sum(300);
	@s["y"] = sum(5);
	@c = count();
	clear(@s);
	clear(@c);
	exit(0);
}

END
{
	@s["y"] = sum(2);
	printa(@s);
	printa(@c);
}
