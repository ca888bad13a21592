/*
 * agghist, aggzoom and encoding=utf8 together on sum(): the total is the largest value
 * over .95, truncated; the bars are UTF-8 in eighths.
 */
#pragma D option quiet
#pragma D option agghist
#pragma D option aggzoom
#pragma D option encoding=utf8

BEGIN
{
	@["big"] = sum(100);
	@["small"] = sum(30);
	exit(0);
}
