/*
 * agghist with normalize(): the bars come from the raw values, the numbers are divided;
 * printa() prints its own header.
 */
#pragma D option quiet
#pragma D option agghist

BEGIN
{
	@["x"] = sum(100);
	@["y"] = sum(300);
	normalize(@, 100);
	printa(@);
	exit(0);
}
