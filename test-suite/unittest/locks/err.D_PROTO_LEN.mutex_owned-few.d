/*
 * mutex_owned() takes exactly one argument.
 */
BEGIN
{
	mutex_owned();
	exit(1);
}
