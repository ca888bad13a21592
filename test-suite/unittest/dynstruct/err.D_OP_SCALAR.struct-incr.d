/*
 * ++ and -- need a scalar: a struct-valued variable is not one.
 */
struct foo {
	int a;
};

self struct foo s;

BEGIN
{
	self->s++;
}
