/*
 * copyinto()'s size is a size_t: a string is not compatible with it.
 */
BEGIN
{
	p = alloca(8);
	copyinto(0, "eight", p);
}
