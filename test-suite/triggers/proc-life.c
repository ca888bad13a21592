/*
 * A short process life for the proc and sched providers: fork a child that exits at once,
 * wait for it (SIGCHLD is sent to us, we sleep and are woken), then die of SIGUSR1.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t child = fork();

	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	raise(SIGUSR1);
	return 1;
}
