/*
 * Open /etc/hostname once with flags nothing else uses (O_RDONLY|O_NOCTTY|O_NONBLOCK, 0x900),
 * so a test can pick this openat out of the dynamic loader's.
 */
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	int fd = openat(AT_FDCWD, "/etc/hostname", O_RDONLY | O_NOCTTY | O_NONBLOCK);

	if (fd >= 0)
		close(fd);
	return 0;
}
