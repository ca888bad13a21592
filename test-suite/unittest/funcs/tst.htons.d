/* Byte order conversions on a little-endian machine swap the bytes; types are unsigned. */
#pragma D option quiet

BEGIN
{
	printf("%x %x %x\n", htons(0x1234), htonl(0x12345678), htonll(0x0102030405060708));
	printf("%x %x %x\n", ntohs(0xff00), ntohl(0xff000000), ntohll(0xff));
	printf("%d %d %d\n", sizeof (htons(1)), sizeof (htonl(1)), sizeof (htonll(1)));
	printf("%d\n", htons(0x12345) == 0x4523);
	exit(0);
}
