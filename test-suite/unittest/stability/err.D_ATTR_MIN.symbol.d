/*
 * A kernel symbol has DTrace's symbol attributes, Private/Private/Unknown, and is named
 * with the object it is found in.
 */
/* @@runtest-opts: -x amin=Unstable/Unstable/Common */

extern unsigned short __start_BTF;

dtrace:::BEGIN
{
	trace(`__start_BTF);
	exit(0);
}
