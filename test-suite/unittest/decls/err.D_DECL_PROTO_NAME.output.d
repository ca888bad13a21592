/*
 * A probe's output parameters are named after its input parameters.
 */
provider myprov {
	probe p(int a, long b) : (int, long);
};

BEGIN
{
	exit(0);
}
