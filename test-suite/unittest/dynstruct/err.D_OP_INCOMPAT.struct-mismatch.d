/*
 * A struct-valued variable holds one struct type: a struct of another type is refused,
 * even with the same members.
 */
struct foo {
	int pid;
};

struct foo f[int];

BEGIN
{
	f[0] = *curthread;
}
