/*
 * A kernel enumerator right of an operand of its enum type is ambiguous when the program
 * also has a global variable of that name.
 */
int SS_CONNECTED;

BEGIN
{
	trace(((struct socket *)arg0)->state != SS_CONNECTED);
	exit(0);
}
