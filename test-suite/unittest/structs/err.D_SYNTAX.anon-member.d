/*
 * D's grammar wants a declarator after a nested struct or union body: C11's anonymous
 * members are not part of it.
 */
struct s {
	union {
		int x;
		long y;
	};
	int a;
};

BEGIN
{
	exit(0);
}
