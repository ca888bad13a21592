/* strjoin() concatenates; an empty string on either side changes nothing. */
#pragma D option quiet

BEGIN
{
	printf("[%s] [%s] [%s] [%s]\n", strjoin("foo", "bar"), strjoin("", "bar"), strjoin("foo", ""),
	    strjoin(strjoin("a", "b"), strjoin("c", "d")));
	exit(0);
}
