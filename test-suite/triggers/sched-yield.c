/*
 * Scheduler events for the sched provider: 200 sched_yield(2) calls, 50 ms spinning on the
 * CPU (the scheduler tick interrupts it), then a child that runs once and exits, waited for.
 */
#include <sched.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	double start;
	pid_t child;
	int i;

	for (i = 0; i < 200; i++)
		sched_yield();
	start = now();
	while (now() - start < 0.05)
		;
	child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	return 0;
}
