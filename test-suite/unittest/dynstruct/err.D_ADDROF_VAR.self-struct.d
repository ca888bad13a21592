/*
 * A struct-valued thread-local variable is a variable: its address may not be taken.
 */
struct foo {
	int a;
};

self struct foo s;

BEGIN
{
	trace(&self->s);
}
