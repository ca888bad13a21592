/*
 * ++ on a built-in variable.
 */
BEGIN
{
	timestamp++;
}
