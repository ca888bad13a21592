/*
 * close_range(2) twice with arguments nothing else uses, for the fbt tests: (1010, 1000, 0)
 * fails with EINVAL (first > last) and (1000, 1010, 0) succeeds (closes nothing). The kernel's
 * __close_range(fd, max_fd, flags) sees exactly these arguments and returns -22, then 0.
 */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	syscall(SYS_close_range, 1010, 1000, 0);
	syscall(SYS_close_range, 1000, 1010, 0);
	return 0;
}
