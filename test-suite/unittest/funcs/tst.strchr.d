/* strchr() and strrchr() return the rest of the string from the first or last match. */
#pragma D option quiet

BEGIN
{
	s = "foo/bar/baz";
	printf("[%s] [%s] [%s] [%s]\n", strchr(s, '/'), strrchr(s, '/'), strchr(s, 'f'), strrchr(s, 'z'));
	exit(0);
}
