/*
 * An unknown option in a pragma is a compile error.
 */
#pragma D option wombats

BEGIN
{
	exit(0);
}
