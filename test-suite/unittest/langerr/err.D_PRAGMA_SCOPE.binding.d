/*
 * #pragma binding may not change a built-in variable.
 */
#pragma D binding "1.0" walltimestamp

BEGIN
{
	exit(0);
}
