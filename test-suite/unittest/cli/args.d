/* Not a test by itself: tst.operands.sh runs it with operands. */
BEGIN
{
	printf("%s %s %d\n", $$0, $$1, $2 + 1);
	exit(0);
}
