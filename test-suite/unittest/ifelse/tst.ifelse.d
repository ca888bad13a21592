/*
 * if/else: only the branch taken runs, and only its data-recording actions print, in order.
 */
#pragma D option quiet

BEGIN
{
	x = 3;
	printf("start\n");
	if (x > 2) {
		printf("big %d\n", x);
		y = 1;
	} else {
		printf("small %d\n", x);
		y = 2;
	}
	if (x < 2)
		printf("never\n");
	else if (x == 3) {
		printf("three\n");
		if (execname == "nothing")
			printf("nested wrong\n");
		else
			printf("nested right\n");
	}
	if (y == 2) {
		printf("wrong y\n");
	}
	printf("end %d\n", y);
}

BEGIN
{
	if (y)
		exit(0);
	else
		exit(1);
}
