/*
 * agghist on sum() with negative values: half bars either side of the centre line, rows in
 * value order.
 */
#pragma D option quiet
#pragma D option agghist

BEGIN
{
	@[1] = sum(-30);
	@[2] = sum(10);
	@[3] = sum(20);
	exit(0);
}
