/*
 * A probe description that matches nothing, without -Z.
 */
nosuchprov:::nosuchprobe
{
	exit(0);
}
