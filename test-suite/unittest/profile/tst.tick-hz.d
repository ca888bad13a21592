/*
 * Rates in hz and the s unit.
 */
#pragma D option quiet

tick-50hz
{
	n++;
}

tick-1s
/n >= 40 && n <= 60/
{
	printf("ok\n");
	exit(0);
}

tick-1s
/n < 40 || n > 60/
{
	printf("tick-50hz fired %d times in a second\n", n);
	exit(1);
}
