/*
 * Actions may not be the results of ?:.
 */
BEGIN
{
	timestamp ? trace(1) : trace(2);
	exit(0);
}
