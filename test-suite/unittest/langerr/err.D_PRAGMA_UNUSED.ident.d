/*
 * A #pragma attributes for an identifier the program never defines.
 */
#pragma D attributes Evolving/Evolving/Common nosuchvariable

BEGIN
{
	exit(0);
}
