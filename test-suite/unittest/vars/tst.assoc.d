/*
 * Associative arrays: tuple keys of integers and strings, implicit or declared; a missing
 * element reads as 0 (NULL for a string, as DTrace's missing dynamic variable); assigning 0
 * deletes an element; thread-local associative arrays.
 */
#pragma D option quiet

int sizes[string, int];

BEGIN
{
	a[1] = 100;
	a[2] = 200;
	a[1] += 5;
	names["x", 1] = "one";
	names["x", 2] = "two";
	sizes["k", 3] = 9;
	sizes["k", 3]++;
	self->t[7] = 70;
	printf("%d %d %d\n", a[1], a[2], a[3]);
	printf("%s %s %d\n", names["x", 1], names["x", 2], names["y", 1] == NULL);
	printf("%d %d %d\n", sizes["k", 3], sizes["k", 4], self->t[7]);
	a[1] = 0;
	printf("%d %d\n", a[1], a[2]);
	exit(0);
}
