/*
 * Built-in variables cannot be declared.
 */
int pid;

BEGIN
{
	exit(0);
}
