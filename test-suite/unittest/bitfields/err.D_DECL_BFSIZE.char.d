/*
 * A bit-field wider than its type.
 */
struct s {
	int a;
	unsigned char b : 9;
};

BEGIN
{
	exit(0);
}
