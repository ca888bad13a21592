/* strtoll(): leading blanks, a sign, "0x" in base 16, digits up to the first non-digit. */
#pragma D option quiet

BEGIN
{
	printf("%d ", strtoll("  -123"));
}

BEGIN
{
	printf("%d ", strtoll("+12abc"));
}

BEGIN
{
	printf("%d ", strtoll(""));
}

BEGIN
{
	printf("%d ", strtoll("abc"));
}

BEGIN
{
	printf("%d\n", strtoll("9223372036854775807"));
}

BEGIN
{
	printf("%d ", strtoll("0x1f", 16));
}

BEGIN
{
	printf("%d ", strtoll("1f", 16));
}

BEGIN
{
	printf("%d ", strtoll("777", 8));
}

BEGIN
{
	printf("%d ", strtoll("zz", 36));
}

BEGIN
{
	printf("%d\n", strtoll("1012", 2));
	exit(0);
}
