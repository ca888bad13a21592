/*
 * ++ and -- on elements and members of globals: prefix forms give the new value, postfix
 * forms the old one, and values wrap around in the element's type.
 */
#pragma D option quiet

struct s {
	unsigned char c;
	int n;
};

struct s x;
int a[3];

BEGIN
{
	i = 1;
	printf("%d ", a[i]++);
	printf("%d ", a[i]);
	printf("%d ", ++a[i]);
	printf("%d ", a[1]--);
	printf("%d\n", --a[i]);
	x.c = 255;
	printf("%d ", x.c++);
	printf("%d ", x.c);
	x.n--;
	printf("%d\n", x.n);
	exit(0);
}
