/*
 * A thread-local variable of a struct declared but never defined has no size.
 */
struct fwd;

self struct fwd s;

BEGIN
{
	exit(0);
}
