/*
 * A provider defined twice must declare its probes alike both times.
 */
provider myprov {
	probe p(int);
};

provider myprov {
	probe p(int, int);
};

BEGIN
{
	exit(0);
}
