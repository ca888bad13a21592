/*
 * Bound to 1.2, ustackdepth (1.2) and strstr() (1.1) are there.
 */
/* @@runtest-opts: -q -x version=1.2 */

BEGIN
{
	printf("%s %d\n", strstr("abc", "b"), ustackdepth >= 0);
	exit(0);
}
