/*
 * A kernel type is Private/Private/Unknown: below an Unstable minimum.
 */
/* @@runtest-opts: -x amin=Unstable/Unstable/Common */

dtrace:::BEGIN
{
	trace((struct task_struct *)arg0 == 0);
	exit(0);
}
