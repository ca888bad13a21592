/*
 * A declared name may not use the D scoping operator.
 */
int vmlinux`foo;

BEGIN
{
	exit(0);
}
