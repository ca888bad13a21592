/*
 * At version 1.0 the subroutines D gained in 1.1 (strstr, strchr, index, ...) do not exist,
 * so their names are free for a program's own variables.
 */
#pragma D option version=1.0
#pragma D option quiet

int strstr;
int index;

BEGIN
{
	strstr = 3;
	index = 4;
	printf("%d %d\n", strstr, index);
	exit(0);
}
