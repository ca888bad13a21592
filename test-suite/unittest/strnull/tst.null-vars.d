/*
 * NULL in string variables: the empty string is not NULL; `s = NULL` stores the null pointer
 * constant; storing a found string replaces NULL and back; the value of an assignment is
 * NULL when NULL was stored; NULL compares less than any string and equal to NULL; a
 * thread-local or array string that was never set is NULL, as DTrace reads a missing
 * dynamic variable.
 */
#pragma D option quiet

self string never;
string b[string];

BEGIN
{
	g = "";
	this->l = "";
	self->t = "";
	a["k"] = "";
	printf("empty: %d %d %d %d\n", g == NULL, this->l == NULL, self->t == NULL,
	    a["k"] == NULL);

	g = NULL;
	this->l = NULL;
	self->t = NULL;
	a["k"] = NULL;
	printf("NULL: %d %d %d %d\n", g == NULL, this->l == NULL, self->t == NULL,
	    a["k"] == NULL);

	g = strchr("foobar", 'b');
	this->l = strstr("foobar", "oo");
	self->t = strrchr("foobar", 'o');
	a["k"] = strtok("foo bar", " ");
	printf("found: %s %s %s %s\n", g, this->l, self->t, a["k"]);

	printf("assignment: %d %d %d\n", (g = strchr(g, 'z')) == NULL,
	    (this->l = strstr(this->l, "x")) == NULL, (self->t = strchr("ab", 'a')) == NULL);

	printf("order: %d %d %d %d\n", g < "", "" > g, g == this->l, g != self->t);
	printf("unset: %d %d\n", self->never == NULL, b["never"] == NULL);
	exit(0);
}

ERROR
{
	printf("unexpected fault %d\n", arg4);
	exit(1);
}
