/*
 * A probe output parameter must name an input parameter.
 */
provider myprov {
	probe p(int a) : (int b);
};

BEGIN
{
	exit(0);
}
