/*
 * printf( )'s format must be a string constant.
 */
BEGIN
{
	printf(probefunc);
}
