/*
 * strtok(): NULL continues the previous string where the last token stopped (at its delimiter),
 * with the delimiters of this call; runs of delimiters separate one token.
 */
#pragma D option quiet

BEGIN
{
	printf("[%s]\n", strtok("//foo//bar,baz", "/"));
}

BEGIN
{
	printf("[%s]\n", strtok(NULL, ","));
}

BEGIN
{
	printf("[%s]\n", strtok(NULL, "/"));
}

BEGIN
{
	printf("[%s]\n", strtok("a b", " "));
}

BEGIN
{
	printf("[%s]\n", strtok(NULL, " "));
	exit(0);
}
