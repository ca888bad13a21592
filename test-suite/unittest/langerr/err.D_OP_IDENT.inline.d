/*
 * An integer inline is a constant, not a member name, after ->.
 */
inline int pid = 3;

BEGIN
{
	trace(curthread->pid);
	exit(0);
}
