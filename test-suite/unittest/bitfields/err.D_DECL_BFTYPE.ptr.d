/*
 * Only integer members can be bit-fields.
 */
struct s {
	char *p : 3;
};

BEGIN
{
	exit(0);
}
