/*
 * printf() %s with width, precision, - and *.
 */
#pragma D option quiet

BEGIN
{
	s = "hello";
	printf("%s|%10s|%-10s|%.3s|%10.3s|%-*s|%*s|\n", s, s, s, s, s, 7, s, 7, "ab");
	printf("%s %s\n", "literal", s);
	exit(0);
}
