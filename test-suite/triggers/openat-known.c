/*
 * Open /etc/hostname once with flags nothing else uses (O_RDONLY|O_NOCTTY|O_NONBLOCK, 0x900),
 * so a test can pick this openat out of the dynamic loader's.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	/*
	 * A BPF program cannot fault a page in: copyinstr() of a path still sitting in an
	 * untouched .rodata page reads nothing. Real callers build paths in memory they have
	 * touched; so does this one.
	 */
	char path[64];
	strcpy(path, "/etc/hostname");
	int fd = openat(AT_FDCWD, path, O_RDONLY | O_NOCTTY | O_NONBLOCK);

	if (fd >= 0)
		close(fd);
	return 0;
}
