/* @@runtest-opts: -qv */
/*
 * A named provider: dtrace:::BEGIN is Stable/Stable/Common (the dtrace provider and its
 * probe names are). probefunc takes the attributes of the probe's function field
 * (Private/Private/Unknown for the dtrace provider), and curthread is Stable/Private/Common:
 * the statement minimum is taken over the actions and the predicate.
 */
dtrace:::BEGIN
/curthread != 0/
{
	printf("%s|\n", probefunc);
}

dtrace:::BEGIN
{
	exit(0);
}
