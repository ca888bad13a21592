/*
 * A ?: with an alloca and a non-alloca branch cannot be assigned to a variable.
 */

BEGIN
{
	a = (char *)alloca(1);
	a = (a == NULL) ? (char *)50 : a;
	exit(0);
}
