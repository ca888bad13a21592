/*
 * tick-10ms fires about 100 times a second.
 */
#pragma D option quiet

tick-10ms
{
	n++;
}

tick-1sec
/n >= 80 && n <= 120/
{
	printf("ok\n");
	exit(0);
}

tick-1sec
/n < 80 || n > 120/
{
	printf("tick-10ms fired %d times in a second\n", n);
	exit(1);
}
