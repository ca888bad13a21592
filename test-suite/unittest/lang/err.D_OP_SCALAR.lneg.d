/*
 * ! needs a scalar operand; an array is not one.
 */
BEGIN
{
	x = !curthread->comm;
}
