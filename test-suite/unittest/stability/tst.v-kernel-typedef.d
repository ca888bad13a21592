/* @@runtest-opts: -qv */
/*
 * A cast to a kernel typedef (loff_t, from BTF) lowers the statement attributes to
 * those of kernel types, Private/Private/Unknown, as a cast to a kernel struct
 * does; D's own typedefs (uint64_t) and the program's do not.
 */
typedef int mine_t;

dtrace:::BEGIN
{
	trace((uint64_t)1);
	trace((mine_t)2);
}

dtrace:::BEGIN
{
	trace((loff_t)3);
	exit(0);
}
