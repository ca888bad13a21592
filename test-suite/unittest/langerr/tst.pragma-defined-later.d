/*
 * A #pragma attributes may name a variable the program defines later.
 */
#pragma D option quiet
#pragma D attributes Evolving/Evolving/Common x
#pragma D binding "1.0" y

int y;

BEGIN
{
	x = 1;
	printf("%d %d\n", x, y);
	exit(0);
}
