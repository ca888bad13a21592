/*
 * Fires the usdt probes dttest:fire (three arguments: 42, -7 and 0x123456789) and
 * dttest:loop (its index, 0..2) from <sys/sdt.h>, built with semaphores: dttest:fire only
 * fires while a tracer holds its semaphore up.
 */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

/* The semaphore sys/sdt.h's _SEMAPHORE probes test; the kernel raises it while traced. */
unsigned short dttest_fire_semaphore __attribute__((section(".probes"), used));
unsigned short dttest_loop_semaphore __attribute__((section(".probes"), used));

__attribute__((noinline)) static void fire(int a, long b, long long c)
{
	if (dttest_fire_semaphore)
		STAP_PROBE3(dttest, fire, a, b, c);
}

int main(void)
{
	volatile int a = 42;
	volatile long b = -7;
	volatile long long c = 0x123456789LL;

	fire(a, b, c);
	for (int i = 0; i < 3; i++)
		DTRACE_PROBE1(dttest, loop, i);
	return 0;
}
