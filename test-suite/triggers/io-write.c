/*
 * Write 64 KiB to a file on disk with O_DIRECT and fsync it, so the block I/O is issued by
 * this process (io:::start fires in its context), then remove the file.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char path[] = "/var/tmp/dtrace-io-XXXXXX";
	int fd = mkstemp(path);
	void *buf;

	if (fd < 0 || posix_memalign(&buf, 4096, 65536) != 0)
		return 1;
	memset(buf, 'x', 65536);
	close(fd);
	fd = open(path, O_WRONLY | O_DIRECT);
	if (fd < 0 || write(fd, buf, 65536) != 65536)
		return 1;
	fsync(fd);
	close(fd);
	unlink(path);
	return 0;
}
