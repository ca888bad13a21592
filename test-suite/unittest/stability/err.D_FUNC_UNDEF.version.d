/*
 * strstr() came with D 1.1: a program bound to 1.0 does not have it (dt_reduce removes the
 * identifiers of later versions), so the call names an undefined function.
 */
#pragma D option version=1.0

BEGIN
{
	trace(strstr("abc", "b"));
	exit(0);
}
