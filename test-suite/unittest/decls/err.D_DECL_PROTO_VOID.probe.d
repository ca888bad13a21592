/*
 * In a probe prototype, void must be the only parameter.
 */
provider myprov {
	probe p(void, int);
};

BEGIN
{
	exit(0);
}
