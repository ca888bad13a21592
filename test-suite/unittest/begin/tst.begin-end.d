/*
 * exit() in BEGIN still runs END; quiet prints only what is asked for.
 */
#pragma D option quiet

BEGIN
{
	printf("begin\n");
	exit(0);
}

END
{
	printf("end\n");
}
