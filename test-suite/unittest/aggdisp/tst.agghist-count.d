/*
 * agghist: count() printed as a histogram over its keys.
 */
#pragma D option quiet
#pragma D option agghist
#pragma D option aggsortkey

BEGIN
{
	@["read"] = count();
	@["open"] = count();
	@["open"] = count();
	@["write"] = count();
	@["write"] = count();
	@["write"] = count();
	@["write"] = count();
	@["write"] = count();
	exit(0);
}
