/*
 * Sends itself SIGUSR2 (12) once with sigqueue(3), caught by a handler, so that tests can
 * check the signal tracepoints' arguments: signal 12, code SI_QUEUE (-1, a negative int),
 * target pid its own.
 */
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void handler(int sig)
{
	got = sig;
}

int main(void)
{
	union sigval v = { .sival_int = 7 };

	signal(SIGUSR2, handler);
	sigqueue(getpid(), SIGUSR2, v);
	return got == SIGUSR2 ? 0 : 1;
}
