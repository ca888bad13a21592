/*
 * Thread-local variables: implicit on first assignment, integers and strings; an unset one
 * reads as 0, or NULL for a string (DTrace's missing dynamic variable; it must be declared:
 * reading one nothing assigns is D_VAR_UNDEF); assigning 0 frees it, so it reads as 0 again.
 */
#pragma D option quiet

self string never;
self int unset;

BEGIN
{
	self->n = 41;
	self->n++;
	self->s = "thread";
	printf("%d %s %d %d\n", self->n, self->s, self->never == NULL, self->unset);
	self->n = 0;
	printf("%d\n", self->n);
	self->n += 7;
	printf("%d\n", self->n);
}

BEGIN
{
	/* Same thread, next clause: the values are still there. */
	printf("%d %s\n", self->n, self->s);
	exit(0);
}
