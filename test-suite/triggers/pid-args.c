/*
 * Calls pid_args_fn(1, 2, 3, 4, 5, 6, 7, 8) once; it returns 36 (the sum). A test traces the
 * function's entry and return with the pid provider and checks the arguments and the
 * return value.
 */
#include <stdio.h>

__attribute__((noinline, used)) long pid_args_fn(long a, long b, long c, long d, long e,
						long f, long g, long h)
{
	/* Keeps the call from being folded away. */
	__asm__ volatile("" ::: "memory");
	return a + b + c + d + e + f + g + h;
}

int main(void)
{
	long r = pid_args_fn(1, 2, 3, 4, 5, 6, 7, 8);
	return r == 36 ? 0 : 1;
}
