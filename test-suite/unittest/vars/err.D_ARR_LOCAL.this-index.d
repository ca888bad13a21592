/*
 * A clause-local variable cannot be used as an associative array.
 */
BEGIN
{
	this->a[1] = 2;
}
