/*
 * TCP connections to one IPv6 listener on the wildcard address (not IPv6-only) on an
 * ephemeral port: one from an IPv4 socket to 127.0.0.1 (the listener takes it as an IPv4-mapped
 * connection), one from an IPv6 socket to ::1. Each carries 10 bytes from the client and 7
 * back and is closed. Prints "listen PORT", "tcp4 CLIENT" and "tcp6 CLIENT" at the end, or
 * "noipv6" when the host has no IPv6.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int port_of(int fd)
{
	struct sockaddr_in6 a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		return -1;
	return ntohs(a.sin6_port);
}

/* Connect to `a` (of length `alen`) with a socket of `family`, exchange, close; the port. */
static int exchange(int l, int family, const struct sockaddr *a, socklen_t alen)
{
	char buf[16];
	int c, s, port, rc;

	c = socket(family, SOCK_STREAM, 0);
	if (c < 0 || connect(c, a, alen) != 0)
		return -1;
	s = accept(l, NULL, NULL);
	if (s < 0)
		return -1;
	memset(buf, 'd', sizeof(buf));
	if (write(c, buf, 10) != 10)
		return -1;
	for (int got = 0; got < 10; got += rc)
		if ((rc = read(s, buf, 10 - got)) <= 0)
			return -1;
	if (write(s, buf, 7) != 7)
		return -1;
	for (int got = 0; got < 7; got += rc)
		if ((rc = read(c, buf, 7 - got)) <= 0)
			return -1;
	port = port_of(c);
	close(c);
	close(s);
	return port;
}

int main(void)
{
	struct sockaddr_in6 la;
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	socklen_t len = sizeof(la);
	int off = 0, l, p4, p6;

	memset(&la, 0, sizeof(la));
	la.sin6_family = AF_INET6;
	la.sin6_addr = in6addr_any;
	l = socket(AF_INET6, SOCK_STREAM, 0);
	if (l < 0 || setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off)) != 0 ||
	    bind(l, (struct sockaddr *)&la, sizeof(la)) != 0 || listen(l, 2) != 0 ||
	    getsockname(l, (struct sockaddr *)&la, &len) != 0) {
		printf("noipv6\n");
		return 0;
	}
	memset(&a4, 0, sizeof(a4));
	a4.sin_family = AF_INET;
	a4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a4.sin_port = la.sin6_port;
	memset(&a6, 0, sizeof(a6));
	a6.sin6_family = AF_INET6;
	a6.sin6_addr = in6addr_loopback;
	a6.sin6_port = la.sin6_port;
	p4 = exchange(l, AF_INET, (struct sockaddr *)&a4, sizeof(a4));
	if (p4 < 0)
		return 1;
	p6 = exchange(l, AF_INET6, (struct sockaddr *)&a6, sizeof(a6));
	if (p6 < 0) {
		printf("noipv6\n");
		return 0;
	}
	printf("listen %d\ntcp4 %d\ntcp6 %d\n", ntohs(la.sin6_port), p4, p6);
	close(l);
	return 0;
}
