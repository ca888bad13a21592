/*
 * Rates in hz and the s unit.
 * The bounds allow for timer interrupts a loaded virtual machine delivers late.
 */
#pragma D option quiet

tick-50hz
{
	n++;
}

tick-1s
/n >= 30 && n <= 70/
{
	printf("ok\n");
	exit(0);
}

tick-1s
/n < 30 || n > 70/
{
	printf("tick-50hz fired %d times in a second\n", n);
	exit(1);
}
