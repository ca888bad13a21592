/*
 * Two threads and two execs: starts 2 threads and joins them, then execs a path that does
 * not exist (which fails with ENOENT) and then /bin/true.
 */
#include <pthread.h>
#include <unistd.h>

static void *work(void *arg)
{
	usleep(10000);
	return arg;
}

int main(void)
{
	pthread_t t[2];
	char *argv[] = { "true", NULL };
	/* On the stack, so that its page is present when the exec probe copies it in. */
	char missing[] = "/nonexistent/lwp-exec", truth[] = "/bin/true";

	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, work, NULL) != 0)
			return 1;
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	execv(missing, argv);
	execv(truth, argv);
	return 1;
}
