/*
 * index() and rindex() with and without a start position, with DTrace's (Perl's) rules for
 * negative and too large positions and for the empty string. One call per clause keeps each
 * program within the verifier's limits.
 */
#pragma D option quiet

BEGIN
{
	printf("%d ", index("foobarbaz", "ba"));
}

BEGIN
{
	printf("%d ", rindex("foobarbaz", "ba"));
}

BEGIN
{
	printf("%d ", index("foobarbaz", "ba", 4));
}

BEGIN
{
	printf("%d ", rindex("foobarbaz", "ba", 5));
}

BEGIN
{
	printf("%d\n", index("foobarbaz", "zz"));
}

BEGIN
{
	printf("%d ", index("foobarbaz", ""));
}

BEGIN
{
	printf("%d ", rindex("foobarbaz", ""));
}

BEGIN
{
	printf("%d ", index("", ""));
}

BEGIN
{
	printf("%d\n", index("foobarbaz", "", 20));
}

BEGIN
{
	printf("%d ", index("foobarbaz", "ba", -5));
}

BEGIN
{
	printf("%d ", rindex("foobarbaz", "ba", -1));
}

BEGIN
{
	printf("%d ", rindex("foobarbaz", "", -1));
}

BEGIN
{
	printf("%d\n", rindex("foobarbaz", "ba", 100));
}

BEGIN
{
	printf("%d ", index("foobarbaz", "foobarbaz"));
}

BEGIN
{
	printf("%d ", index("foobarbaz", "foobarbazz"));
}

BEGIN
{
	printf("%d\n", rindex("foobarbaz", "f"));
	exit(0);
}
