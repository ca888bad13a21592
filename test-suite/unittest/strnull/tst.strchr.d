/*
 * strchr()/strrchr() return the rest of the string from the character, and NULL when it is
 * absent (after Oracle's test/unittest/funcs/tst.strchr.d): the NULL tests choose the exit
 * status.
 */
#pragma D option quiet

BEGIN
{
	str = "fooeyfooeyfoo";
	this->success = 0;

	c = 'f';
	printf("strchr(\"%s\", '%c') = \"%s\"\n", str, c, strchr(str, c));
	printf("strrchr(\"%s\", '%c') = \"%s\"\n", str, c, strrchr(str, c));

	c = 'y';
	printf("strchr(\"%s\", '%c') = \"%s\"\n", str, c, strchr(str, c));
	printf("strrchr(\"%s\", '%c') = \"%s\"\n", str, c, strrchr(str, c));

	printf("strrchr(\"%s\", '%c') = \"%s\"\n", strchr(str, c), c,
	    strrchr(strchr(str, c), c));

	this->success = 1;
}

BEGIN
/!this->success/
{
	exit(1);
}

BEGIN
/strchr(str, 'a') != NULL/
{
	exit(2);
}

BEGIN
/strrchr(str, 'a') != NULL/
{
	exit(3);
}

BEGIN
/strstr(str, "abc") != NULL || NULL != strstr(str, "x")/
{
	exit(4);
}

BEGIN
/strstr(str, "eyf") == NULL/
{
	exit(5);
}

BEGIN
{
	exit(0);
}
