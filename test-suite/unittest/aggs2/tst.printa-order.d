/*
 * printa() prints the aggregation as it is when its record is consumed, in order with
 * the other output of the clause.
 */
#pragma D option quiet

BEGIN
{
	@ = count();
	printf("one\n");
	printa("begin %@d\n", @);
	printf("two\n");
	exit(0);
}

END
{
	@ = count();
	printa("end %@d\n", @);
}
