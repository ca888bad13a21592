/* tracemem() takes a pointer or an integer. */
BEGIN
{
	tracemem("abc", 4);
}
