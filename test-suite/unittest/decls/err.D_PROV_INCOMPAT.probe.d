/*
 * A provider defined again may not add probes.
 */
provider myprov {
	probe p(int);
};

provider myprov {
	probe q(int);
};

BEGIN
{
	exit(0);
}
