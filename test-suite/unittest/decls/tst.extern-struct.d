/*
 * An extern declaration gives a kernel symbol its type: __start_BTF is where the
 * kernel's own BTF starts, and a BTF header begins with magic 0xeB9F, version 1.
 * The symbol reads both as `__start_BTF and, with no D variable of that name, bare.
 */
#pragma D option quiet

extern struct btf_header __start_BTF;

BEGIN
{
	printf("%x %d\n", `__start_BTF.magic, __start_BTF.version);
	exit(0);
}
