/*
 * A UDP exchange on 127.0.0.1 between two sockets bound to ephemeral ports, A and B: A sends
 * 21 bytes to B and B answers with 12, twice. Prints "udp A B" (the ports) at the end, for
 * tests to pick its datagrams out of the system's.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A datagram socket bound to 127.0.0.1 on an ephemeral port; its address in `a`. */
static int bound(struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	int fd;

	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)a, sizeof(*a)) != 0)
		return -1;
	if (getsockname(fd, (struct sockaddr *)a, &len) != 0)
		return -1;
	return fd;
}

int main(void)
{
	struct sockaddr_in aa, ba, from;
	socklen_t len;
	char buf[64];
	int a, b;

	a = bound(&aa);
	b = bound(&ba);
	if (a < 0 || b < 0)
		return 1;
	memset(buf, 'q', sizeof(buf));
	for (int i = 0; i < 2; i++) {
		if (sendto(a, buf, 21, 0, (struct sockaddr *)&ba, sizeof(ba)) != 21)
			return 1;
		len = sizeof(from);
		if (recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len) != 21)
			return 1;
		if (sendto(b, buf, 12, 0, (struct sockaddr *)&from, len) != 12)
			return 1;
		if (recv(a, buf, sizeof(buf), 0) != 12)
			return 1;
	}
	printf("udp %d %d\n", ntohs(aa.sin_port), ntohs(ba.sin_port));
	close(a);
	close(b);
	return 0;
}
