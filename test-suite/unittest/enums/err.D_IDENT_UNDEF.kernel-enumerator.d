/*
 * A kernel enumerator is no D identifier: only right of an operand of its enum type in a
 * comparison does it stand for its value. On the left it is an unknown name.
 */
BEGIN
{
	trace(SS_CONNECTED == ((struct socket *)arg0)->state);
	exit(0);
}
