/*
 * Only a library may depend on a library.
 */
#pragma D depends_on library foo.d

BEGIN
{
	exit(0);
}
