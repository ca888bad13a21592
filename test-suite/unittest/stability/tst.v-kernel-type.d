/* @@runtest-opts: -qv */
/*
 * A cast to a kernel type lowers the statement attributes to those of kernel types,
 * Private/Private/Unknown; D's own types and the program's do not.
 */
struct mine {
	int a;
};

dtrace:::BEGIN
{
	trace((struct mine *)arg0 == 0);
	trace((int)arg0);
}

dtrace:::BEGIN
{
	trace((struct task_struct *)arg0 == 0);
	exit(0);
}
