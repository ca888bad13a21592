/* cleanpath() folds "//", drops "/./" and removes the component before "/../". */
#pragma D option quiet

BEGIN
{
	printf("%s\n", cleanpath("/foo//bar"));
}

BEGIN
{
	printf("%s\n", cleanpath("/foo/./bar"));
}

BEGIN
{
	printf("%s\n", cleanpath("/foo/../bar"));
}

BEGIN
{
	printf("%s\n", cleanpath("/foo/bar/.."));
}

BEGIN
{
	printf("%s\n", cleanpath("/foo/bar/baz/../../qux"));
}

BEGIN
{
	printf("%s\n", cleanpath("/foo/.../.bar/..baz"));
}

BEGIN
{
	printf("%s\n", cleanpath("/foo/bar"));
	exit(0);
}
