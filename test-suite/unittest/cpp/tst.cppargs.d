/*
 * -x cppargs passes more arguments to cpp, split on white space, after the -D/-U/-I ones.
 */
/* @@runtest-opts: -C -DLEVEL=1 "-xcppargs=-DEXTRA=5 -ULEVEL" */
#pragma D option quiet

BEGIN
{
#ifdef LEVEL
	printf("LEVEL still defined\n");
#else
	printf("%d\n", EXTRA);
#endif
	exit(0);
}
