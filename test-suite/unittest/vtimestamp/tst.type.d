/*
 * vtimestamp is a uint64_t: eight bytes, unsigned.
 */
#pragma D option quiet

BEGIN
{
	this->v = vtimestamp;
	printf("%d %s\n", sizeof (vtimestamp), this->v - this->v - 1 > 0 ? "unsigned" : "signed");
	exit(0);
}
