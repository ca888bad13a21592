/*
 * Fires the usdt probe dtix:idx with three array elements, a[5] = 15, b[2 + 3] = 25 and
 * table[5] = 99, which a compiler at -O2 passes as indexed memory operands in the probe's
 * argument specifications (-8@(%rdi,%rsi,8) -4@12(%rdx,%rcx,4) -8@(%rax,%rsi,8)); and
 * dtix:glob with three globals, counter = 7, arr[2] = 3 and sh = -3, which it passes as
 * operands relative to %rip (-4@counter(%rip) -8@arr+16(%rip)) or constants.
 */
#include <sys/sdt.h>

long table[16];
int counter = 7;
long arr[4] = { 1, 2, 3, 4 };
static short sh = -3;

__attribute__((noinline)) void fire(long *a, long i, int *b, long j)
{
	STAP_PROBE3(dtix, idx, a[i], b[j + 3], table[i]);
}

int main(void)
{
	long v[8] = { 10, 11, 12, 13, 14, 15, 16, 17 };
	int w[8] = { 20, 21, 22, 23, 24, 25, 26, 27 };

	table[5] = 99;
	fire(v, 5, w, 2);
	STAP_PROBE3(dtix, glob, counter, arr[2], sh);
	return 0;
}
