/*
 * 2 UDP datagrams of 37 bytes from one socket to another on ::1, for the ip and udp
 * providers' IPv6 translations. Prints "udp SRC DST" (the ports) at the end, or "noipv6"
 * when the host has no IPv6 loopback.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int bound(struct sockaddr_in6 *a)
{
	socklen_t len = sizeof(*a);
	int fd;

	memset(a, 0, sizeof(*a));
	a->sin6_family = AF_INET6;
	a->sin6_addr = in6addr_loopback;
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)a, sizeof(*a)) != 0)
		return -1;
	if (getsockname(fd, (struct sockaddr *)a, &len) != 0)
		return -1;
	return fd;
}

int main(void)
{
	struct sockaddr_in6 ra, sa;
	char buf[64];
	int r = bound(&ra), s = bound(&sa);

	if (r < 0 || s < 0) {
		printf("noipv6\n");
		return 0;
	}
	memset(buf, '6', sizeof(buf));
	for (int i = 0; i < 2; i++) {
		if (sendto(s, buf, 37, 0, (struct sockaddr *)&ra, sizeof(ra)) != 37)
			return 1;
		if (recv(r, buf, sizeof(buf), 0) != 37)
			return 1;
	}
	printf("udp %d %d\n", ntohs(sa.sin6_port), ntohs(ra.sin6_port));
	close(r);
	close(s);
	return 0;
}
