/*
 * printf() %c with character and integer arguments, width and -.
 */
#pragma D option quiet

BEGIN
{
	printf("%c%c%c\n", 'D', 84, 'r');
	printf("|%3c|%-3c|\n", 'x', 'y');
	exit(0);
}
