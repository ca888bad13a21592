/*
 * Pending signals taken by the sigwait family (proc:::signal-clear) and a signal discarded
 * because it is ignored (proc:::signal-discard): SIGUSR1 (10), blocked, raised and taken by
 * sigwaitinfo(2); SIGUSR2 (12), blocked, queued and taken by sigtimedwait(2); SIGWINCH (28)
 * with its action set to SIG_IGN, sent to itself.
 */
#include <signal.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct timespec limit = { .tv_sec = 1 };
	union sigval v = { .sival_int = 7 };
	sigset_t set;
	int bad = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	bad |= sigwaitinfo(&set, NULL) != SIGUSR1;
	sigqueue(getpid(), SIGUSR2, v);
	bad |= sigtimedwait(&set, NULL, &limit) != SIGUSR2;
	signal(SIGWINCH, SIG_IGN);
	kill(getpid(), SIGWINCH);
	return bad;
}
