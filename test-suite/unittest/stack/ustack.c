/*
 * The program whose user stack tst.ustack-names.sh checks: main -> outer_fn -> middle_fn ->
 * leaf_fn -> getppid(). Built without optimisation and with frame pointers, which the
 * kernel's user stack walker follows.
 */
#include <stdio.h>
#include <unistd.h>

__attribute__((noinline)) int leaf_fn(int i) { return getppid() + i; }

__attribute__((noinline)) int middle_fn(int i)
{
	int r = leaf_fn(i);

	__asm__ volatile("" ::: "memory");
	return r + 1;
}

__attribute__((noinline)) int outer_fn(int i)
{
	int r = middle_fn(i);

	__asm__ volatile("" ::: "memory");
	return r + 1;
}

int main(void)
{
	long s = 0;

	for (int i = 0; i < 20000; i++) {
		s += outer_fn(i);
		usleep(1000);
	}
	printf("%d\n", s > 0);
	return 0;
}
