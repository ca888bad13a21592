/*
 * A clause that speculates may commit (or discard) the same speculation after recording
 * into it: its own data is part of what is committed (or thrown away).
 */
#pragma D option quiet

BEGIN
{
	self->s = speculation();
	speculate(self->s);
	printf("first\n");
}

BEGIN
{
	speculate(self->s);
	printf("second\n");
	commit(self->s);
}

BEGIN
{
	self->t = speculation();
	speculate(self->t);
	printf("discarded\n");
	discard(self->t);
}

BEGIN
{
	printf("after\n");
	exit(0);
}
