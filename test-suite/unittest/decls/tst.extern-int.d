/*
 * extern with a scalar type: the first two bytes of the kernel's BTF are its
 * magic, 0xeB9F (little-endian).
 */
#pragma D option quiet

extern unsigned short __start_BTF;

BEGIN
{
	printf("%x %x\n", __start_BTF, `__start_BTF + 1);
	exit(0);
}
