/*
 * A thread-local string variable assigned an integer.
 */
BEGIN
{
	self->s = "str";
	self->s = 1;
}
