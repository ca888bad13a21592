/*
 * Pass IP addresses to write(2) on a closed descriptor (-1, EBADF), one address per call; the
 * length (4, then 16 up to 20) tells the test which address it is looking at.
 */
#include <string.h>
#include <unistd.h>

static void put(const unsigned char *addr, size_t addrlen, size_t count)
{
	/* In memory this process has written, so that a BPF read never has to fault it in. */
	unsigned char buf[32];

	memset(buf, 0, sizeof(buf));
	memcpy(buf, addr, addrlen);
	if (write(-1, buf, count) != -1)
		_exit(1);
}

int main(void)
{
	static const unsigned char v4[4] = { 192, 168, 1, 254 };
	static const unsigned char ll[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0,
					      0x02, 0x14, 0x4f, 0xff, 0xfe, 0x0b, 0x76, 0xc8 };
	static const unsigned char mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1 };
	static const unsigned char loop[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	static const unsigned char ends[16] = { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8 };
	static const unsigned char doc[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };

	put(v4, 4, 4);
	put(ll, 16, 16);
	put(mapped, 16, 17);
	put(loop, 16, 18);
	put(ends, 16, 19);
	put(doc, 16, 20);
	return 0;
}
