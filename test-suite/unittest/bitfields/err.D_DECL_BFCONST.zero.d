/*
 * A named bit-field must have a positive width.
 */
struct s {
	int a : 0;
};

BEGIN
{
	exit(0);
}
