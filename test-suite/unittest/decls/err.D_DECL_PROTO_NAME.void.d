/*
 * A void parameter may not be named.
 */
provider myprov {
	probe p(void v);
};

BEGIN
{
	exit(0);
}
