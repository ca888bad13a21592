/*
 * Defining a provider again with the same interface is allowed.
 */
#pragma D option quiet

provider myprov {
	probe p(int a, char *s) : (int a, string s);
};

provider myprov {
	probe p(int a, char *s) : (int a, string s);
};

BEGIN
{
	printf("ok\n");
	exit(0);
}
