/*
 * signed and unsigned go with integer types only.
 */
unsigned string s;

BEGIN
{
	exit(0);
}
