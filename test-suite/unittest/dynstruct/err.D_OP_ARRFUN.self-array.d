/*
 * An array-valued variable is reached by element: assigning the whole array is refused.
 */
self int a[4];

BEGIN
{
	self->a = 0;
}
