/* toupper() and tolower() change letters only. */
#pragma D option quiet

BEGIN
{
	printf("[%s] [%s] [%s]\n", toupper("foo Bar 1-z"), tolower("FOO bAr 1-Z"), toupper(""));
	exit(0);
}
