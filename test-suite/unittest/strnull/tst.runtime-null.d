/*
 * A NULL string (strchr()/strstr() without a match) stays NULL once stored in a global, a
 * clause-local, a thread-local or an associative array element, and copying the variable
 * copies NULL (after Oracle's test of run-time NULL strings): NULL compares equal to NULL
 * and to the NULL constant.
 */
#pragma D option quiet

BEGIN
{
	g1 = strchr("abcdefghij", 'Z');
	g2 = strstr("ABCDEFGHIJ", "a");
	g3 = g1;
}

BEGIN
{
	this->l1 = strchr("abcdefghij", 'Z');
	this->l2 = strstr("ABCDEFGHIJ", "a");
	this->l3 = this->l1;
}

BEGIN
{
	self->t1 = strchr("abcdefghij", 'Z');
	self->t2 = strstr("ABCDEFGHIJ", "a");
	self->t3 = self->t1;
}

BEGIN
{
	a1[1234] = strchr("abcdefghij", 'Z');
	a2[1234] = strstr("ABCDEFGHIJ", "a");
	a3[1234] = a1[1234];
}

BEGIN
/g1 != g2 || this->l1 != this->l2 || self->t1 != self->t2 || a1[1234] != a2[1234]/
{
	printf("FAIL A\n");
}

BEGIN
/g1 != g3 || this->l1 != this->l3 || self->t1 != self->t3 || a1[1234] != a3[1234]/
{
	printf("FAIL B\n");
}

BEGIN
/g1 != NULL || this->l1 != NULL || self->t1 != NULL || a1[1234] != NULL/
{
	printf("FAIL C\n");
}

BEGIN
{
	printf("done\n");
	exit(0);
}

ERROR
{
	exit(1);
}
