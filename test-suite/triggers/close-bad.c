/* close(-1) once: a syscall that fails with EBADF (9). */
#include <unistd.h>

int main(void)
{
	close(-1);
	return 0;
}
