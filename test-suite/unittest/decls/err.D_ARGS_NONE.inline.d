/*
 * An inline is typed where it is defined, outside any probe clause: no args[] there.
 */
inline int first = args[0];

BEGIN
{
	exit(0);
}
