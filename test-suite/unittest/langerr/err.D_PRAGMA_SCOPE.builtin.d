/*
 * #pragma attributes may not change a built-in variable.
 */
#pragma D attributes Evolving/Evolving/Common timestamp

BEGIN
{
	exit(0);
}
