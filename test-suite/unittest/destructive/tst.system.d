/*
 * system() runs its printf-formatted command through the shell in the consumer; its output
 * comes in order with the program's own.
 */
#pragma D option quiet
#pragma D option destructive

BEGIN
{
	printf("before\n");
	system("echo %s %d", "hello", 42);
	printf("after\n");
	exit(0);
}
