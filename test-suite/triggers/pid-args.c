/*
 * Calls pid_args_fn(1, 2, 3, 4, 5, 6, 7, 8), which returns 36 (the sum), N times (argv[1],
 * default 1), 50 ms apart when N > 1 so that a test can grab the process while it runs.
 * Tests trace the function with the pid provider and check its arguments and return value.
 */
#include <stdlib.h>
#include <time.h>

__attribute__((noinline, used)) long pid_args_fn(long a, long b, long c, long d, long e,
						long f, long g, long h)
{
	/* Keeps the call from being folded away. */
	__asm__ volatile("" ::: "memory");
	return a + b + c + d + e + f + g + h;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1;
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	int bad = 0;

	for (long i = 0; i < n; i++) {
		if (pid_args_fn(1, 2, 3, 4, 5, 6, 7, 8) != 36)
			bad = 1;
		if (n > 1)
			nanosleep(&ts, NULL);
	}
	return bad;
}
