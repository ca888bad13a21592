/*
 * An integer inline is a constant, not a member name, after ->.
 */
inline int prio = 3;

BEGIN
{
	trace(curthread->prio);
	exit(0);
}
