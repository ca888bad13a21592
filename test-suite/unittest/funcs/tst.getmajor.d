/* getmajor() and getminor() split a Linux dev_t (20 minor bits). */
#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d\n", getmajor(0x800003), getminor(0x800003), getmajor(259 << 20 | 7),
	    getminor(259 << 20 | 7));
	exit(0);
}
