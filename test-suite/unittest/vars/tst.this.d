/*
 * Clause-local variables live for one probe firing and are shared by all the clauses of that
 * firing; declared ones have their declared type.
 */
#pragma D option quiet

this string name;
this unsigned char small;

BEGIN
{
	this->x = 10;
	this->name = "clause";
	this->small = 258;
}

BEGIN
{
	this->x *= 3;
	printf("%d %s %d\n", this->x, this->name, this->small);
	exit(0);
}
