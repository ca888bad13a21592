/* Call getppid() N times (argv[1], default 1) through syscall(2), so libc cannot cache it. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1;

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
