/*
 * A struct-valued variable may be assigned a struct of its type, or 0 to free it, but
 * no other integer.
 */
struct foo {
	int a;
};

self struct foo s;

BEGIN
{
	self->s = 1;
}
