/*
 * Only the enumerators of the left operand's own enum type are looked up: SOCK_STREAM is
 * an enumerator of enum sock_type, not of socket_state.
 */
BEGIN
{
	trace(((struct socket *)arg0)->state == SOCK_STREAM);
	exit(0);
}
