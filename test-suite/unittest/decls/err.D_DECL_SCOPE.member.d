/*
 * A member name may not use the D scoping operator.
 */
struct s {
	int vmlinux`m;
};

BEGIN
{
	exit(0);
}
