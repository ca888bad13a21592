/*
 * An inline is a global identifier: a kernel enumerator of the same name right of an
 * operand of its enum type is ambiguous.
 */
inline int SOCK_DGRAM = 2;

BEGIN
{
	trace(((struct socket *)arg0)->type > 0 && (enum sock_type)arg1 < SOCK_DGRAM);
	exit(0);
}
