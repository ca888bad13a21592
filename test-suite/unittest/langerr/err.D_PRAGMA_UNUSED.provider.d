/*
 * A provider's attributes pragma must follow the provider's definition.
 */
#pragma D attributes Evolving/Evolving/Common provider myprov provider

provider myprov {
	probe p(int a);
};

BEGIN
{
	exit(0);
}
