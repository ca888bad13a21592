/*
 * += on a void pointer: the size of its target is unknown.
 */
BEGIN
{
	self->p = (void *)0;
	self->p += 4;
	exit(0);
}
