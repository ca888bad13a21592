/*
 * A member cannot be void.
 */
struct s {
	int a;
	void v;
};

BEGIN
{
	exit(0);
}
