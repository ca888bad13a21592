/*
 * Subroutines are built-in identifiers from the D version that introduced them: at version
 * 1.1, where strstr() exists, a variable may not take its name.
 */
#pragma D option version=1.1

int strstr;

BEGIN
{
	exit(0);
}
