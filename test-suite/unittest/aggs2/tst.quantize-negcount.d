/*
 * A negative increment makes a bucket negative: the bar grows to the left of '|'.
 */
#pragma D option quiet

BEGIN
{
	@ = quantize(0, -12);
	exit(0);
}
