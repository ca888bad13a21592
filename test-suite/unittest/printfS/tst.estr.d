/*
 * %S prints the string record with C escapes for specials and \ooo for other non-printable
 * bytes, all strsize bytes of it, as DTrace's strchr2esc() does: the NULs that fill the record
 * after the string show as \0. A precision cuts the escaped text.
 */
#pragma D option quiet
#pragma D option strsize=16

BEGIN
{
	printf("[%S]\n", "tab\there");
	printf("[%S]\n", "q\"\\\001");
	printf("[%.6S]\n", "tab\there");
	printf("[%-30.8S]\n", "a\nb");
	exit(0);
}
