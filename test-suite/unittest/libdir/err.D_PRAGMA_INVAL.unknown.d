/*
 * An unknown #pragma D directive.
 */
#pragma D frobnicate

BEGIN
{
	exit(0);
}
