/*
 * A thread-local associative array of structs, as profiling scripts keep a stack of
 * frames: a member store creates the element (zero-filled), members read back, a missing
 * element's members read as 0, a whole element copies into another, and storing 0 frees
 * an element.
 */
#pragma D option quiet

struct stack_info {
	uint64_t vtick;
	int lineno;
	string file;
};

self struct stack_info si[int];

BEGIN
{
	self->depth = 1;
	printf("missing %d %d\n", self->si[self->depth].lineno, self->si[self->depth].vtick);
	self->si[self->depth].lineno = 42;
	self->si[self->depth].vtick = 7;
	self->si[self->depth].file = "main.py";
	printf("set %d %d %s %d\n", self->si[self->depth].lineno, self->si[1].vtick,
	    self->si[1].file, self->si[2].lineno);
	self->depth++;
	self->si[self->depth] = self->si[self->depth - 1];
	self->si[self->depth].lineno += 10;
	self->si[self->depth].vtick++;
	printf("copy %d %d %s, first %d %d\n", self->si[2].lineno, self->si[2].vtick,
	    self->si[2].file, self->si[1].lineno, self->si[1].vtick);
	self->si[1] = 0;
	printf("freed %d %d %s\n", self->si[1].lineno, self->si[1].vtick, self->si[1].file);
}

BEGIN
/self->si[2].lineno == 52/
{
	printf("predicate %d\n", self->si[2].lineno);
	exit(0);
}
