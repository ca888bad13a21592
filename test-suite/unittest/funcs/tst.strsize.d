/* Every string subroutine truncates its result to strsize characters. */
#pragma D option quiet
#pragma D option strsize=8

BEGIN
{
	printf("[%s]\n", strjoin("abcdef", "ghijkl"));
	printf("[%s]\n", strjoin("abc", "def"));
	printf("[%s]\n", toupper("abcdefghijkl"));
	printf("[%s]\n", substr("abcdefghijkl", 2));
	printf("[%s]\n", lltostr(123456789012));
	printf("[%s]\n", lltostr(255, 16));
	printf("[%s]\n", strjoin(lltostr(1234), lltostr(5678)));
	printf("[%d]\n", strlen(strjoin("abcdef", "ghijkl")));
	exit(0);
}
