/*
 * A member of a struct type that is only declared, not defined.
 */
struct fwd;

struct s {
	struct fwd f;
};

BEGIN
{
	exit(0);
}
