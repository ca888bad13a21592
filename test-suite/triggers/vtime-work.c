/*
 * Workloads for vtimestamp (test-suite/unittest/vtimestamp/):
 *
 *   vtime-work spin     vt_mark(1, 0); spin until the thread's own CPU clock
 *                       (CLOCK_THREAD_CPUTIME_ID) has advanced 200 ms; vt_mark(2, the CPU
 *                       time spun, ns); sleep 200 ms; vt_mark(3, 0).
 *   vtime-work threads N ITER
 *                       N threads, each calling getppid() ITER times, spinning ~20 us after
 *                       each call and sleeping 100 us after every tenth (so they are switched
 *                       out and in, and migrate, many times).
 *   vtime-work read N SIZE
 *                       N read(2)s of SIZE bytes from /dev/zero (each burns CPU in the
 *                       kernel); exits 1 if one is short.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

__attribute__((noinline, used)) void vt_mark(long phase, long value)
{
	/* Keeps the call from being folded away. */
	__asm__ volatile("" : : "r"(phase), "r"(value) : "memory");
}

static long clock_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void spin_ns(long ns)
{
	long start = clock_ns(CLOCK_THREAD_CPUTIME_ID);

	while (clock_ns(CLOCK_THREAD_CPUTIME_ID) - start < ns)
		;
}

static long iters;

static void *worker(void *arg)
{
	struct timespec nap = { 0, 100 * 1000 };

	for (long i = 0; i < iters; i++) {
		getppid();
		spin_ns(20 * 1000);
		if (i % 10 == 9)
			nanosleep(&nap, NULL);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "spin";

	if (strcmp(mode, "spin") == 0) {
		struct timespec ts = { 0, 200 * 1000 * 1000 };
		long c0, c1;

		vt_mark(1, 0);
		c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
		while ((c1 = clock_ns(CLOCK_THREAD_CPUTIME_ID)) - c0 < 200 * 1000 * 1000L)
			;
		vt_mark(2, c1 - c0);
		nanosleep(&ts, NULL);
		vt_mark(3, 0);
		return 0;
	}
	if (strcmp(mode, "threads") == 0 && argc > 3) {
		long n = atol(argv[2]);
		pthread_t t[64];

		iters = atol(argv[3]);
		if (n < 1 || n > 64)
			return 2;
		for (long i = 0; i < n; i++)
			if (pthread_create(&t[i], NULL, worker, NULL) != 0)
				return 1;
		for (long i = 0; i < n; i++)
			pthread_join(t[i], NULL);
		return 0;
	}
	if (strcmp(mode, "read") == 0 && argc > 3) {
		long n = atol(argv[2]);
		size_t size = atol(argv[3]);
		char *buf = malloc(size);
		int fd = open("/dev/zero", O_RDONLY);

		if (buf == NULL || fd < 0)
			return 1;
		memset(buf, 1, size);
		for (long i = 0; i < n; i++)
			if (read(fd, buf, size) != (ssize_t)size)
				return 1;
		return 0;
	}
	return 2;
}
