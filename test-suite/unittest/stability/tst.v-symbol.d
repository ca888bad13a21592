/* @@runtest-opts: -qv */
/*
 * A kernel symbol lowers the statement attributes to Private/Private/Unknown.
 */
extern unsigned short __start_BTF;

dtrace:::BEGIN
{
	printf("%x\n", `__start_BTF);
	exit(0);
}
