/*
 * Load generator for the tracer benchmarks: calls getppid(2) a given number
 * of times and reports the calling thread's CPU time per call, which is what
 * a probe on that syscall adds to (wall time would mix in the tracer's own
 * consumer threads competing for the same CPUs).
 *
 * usage: bench-load CALLS OUTFILE [RATE]
 *   CALLS    number of getppid calls
 *   OUTFILE  where the result line goes; stdout is shared with the tracer
 *            when the tracer starts us with -c, so results go to a file
 *   RATE     optional target calls per second; the program then paces
 *            itself by spinning on CLOCK_MONOTONIC between small batches
 *
 * Result line: calls=N cpu_ns=T ns_per_call=X wall_ns=W rate=R
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Calls per pacing check: small enough that a 500k/s target stays smooth at
 * the granularity a 4 KiB..64 KiB per-CPU buffer cares about. */
#define BATCH 16

static uint64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t calls, rate = 0;

	if (argc < 3 || argc > 4 || parse_u64(argv[1], &calls) != 0 || calls == 0 ||
	    (argc == 4 && parse_u64(argv[3], &rate) != 0)) {
		fprintf(stderr, "usage: %s CALLS OUTFILE [RATE]\n", argv[0]);
		return 2;
	}

	FILE *out = fopen(argv[2], "w");
	if (out == NULL) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[2], strerror(errno));
		return 1;
	}

	uint64_t wall0 = now_ns(CLOCK_MONOTONIC);
	uint64_t cpu0 = now_ns(CLOCK_THREAD_CPUTIME_ID);

	if (rate == 0) {
		/* syscall() rather than getppid() so no libc could ever cache it. */
		for (uint64_t i = 0; i < calls; i++)
			syscall(SYS_getppid);
	} else {
		double ns_per_call = 1e9 / (double)rate;
		for (uint64_t i = 0; i < calls;) {
			for (int b = 0; b < BATCH && i < calls; b++, i++)
				syscall(SYS_getppid);
			uint64_t due = wall0 + (uint64_t)((double)i * ns_per_call);
			while (now_ns(CLOCK_MONOTONIC) < due)
				;
		}
	}

	uint64_t cpu = now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu0;
	uint64_t wall = now_ns(CLOCK_MONOTONIC) - wall0;

	fprintf(out, "calls=%llu cpu_ns=%llu ns_per_call=%.1f wall_ns=%llu rate=%.0f\n",
		(unsigned long long)calls, (unsigned long long)cpu,
		(double)cpu / (double)calls, (unsigned long long)wall,
		(double)calls * 1e9 / (double)wall);
	if (fclose(out) != 0) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
