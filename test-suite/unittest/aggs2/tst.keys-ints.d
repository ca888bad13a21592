/*
 * Integer keys of each size print by size: 1 and 2 bytes unsigned "%3d"/"%5d", 4 bytes
 * "%8d", 8 bytes "%16lld".
 */
#pragma D option quiet

BEGIN
{
	@c[(char)-1] = count();
	@s[(short)-2] = count();
	@i[(int)-3] = count();
	@l[(long)-4] = count();
	@u[(unsigned int)7, (unsigned char)8] = count();
	exit(0);
}
