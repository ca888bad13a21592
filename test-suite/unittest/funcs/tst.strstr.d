/* strstr() returns the rest of the string from the first occurrence. */
#pragma D option quiet

BEGIN
{
	printf("[%s] [%s] [%s]\n", strstr("foobarbazbar", "bar"), strstr("foobar", ""),
	    strstr("foobar", "foobar"));
	exit(0);
}
