/* lltostr() in base 10 (signed) and other bases as illumos: "0x" for 16, a leading 0 for 8. */
#pragma D option quiet

BEGIN
{
	printf("[%s] [%s] [%s] [%s]\n", lltostr(0), lltostr(-1), lltostr(12345678901),
	    lltostr(-9223372036854775807 - 1));
	printf("[%s] [%s] [%s] [%s] [%s] [%s]\n", lltostr(255, 16), lltostr(0, 16), lltostr(8, 8),
	    lltostr(5, 2), lltostr(35, 36), lltostr(-1, 16));
	exit(0);
}
