/*
 * tick-10ms fires about 100 times a second.
 * The bounds allow for timer interrupts a loaded virtual machine delivers late.
 */
#pragma D option quiet

tick-10ms
{
	n++;
}

tick-1sec
/n >= 60 && n <= 140/
{
	printf("ok\n");
	exit(0);
}

tick-1sec
/n < 60 || n > 140/
{
	printf("tick-10ms fired %d times in a second\n", n);
	exit(1);
}
