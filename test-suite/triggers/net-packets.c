/*
 * Known packets on 127.0.0.1, for the ip, udp and tcp per-packet probes:
 * - 3 UDP datagrams of 37 bytes from one socket to another;
 * - a TCP connection (listen, connect, accept) carrying 123 bytes from the client and 45
 *   bytes back, then closed by both ends;
 * - a TCP connect to a port nothing listens on (refused: the SYN is answered by a reset).
 * Prints the ports it used on stdout at the end ("udp SRC DST", "tcp CLIENT SERVER",
 * "refused SERVER": the refused client's port is released with the connection) for tests to pick its packets out of the system's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		return -1;
	return ntohs(a.sin_port);
}

/* A socket of `type` bound to 127.0.0.1 on an ephemeral port; its address in `a`. */
static int bound(int type, struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	int fd;

	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, type, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)a, sizeof(*a)) != 0)
		return -1;
	if (getsockname(fd, (struct sockaddr *)a, &len) != 0)
		return -1;
	return fd;
}

int main(void)
{
	struct sockaddr_in ua, sa, la, ra;
	char buf[200];
	int us, ur, l, c, s, r, rport, rc;

	/* UDP */
	ur = bound(SOCK_DGRAM, &ua);
	us = bound(SOCK_DGRAM, &sa);
	if (ur < 0 || us < 0)
		return 1;
	memset(buf, 'u', sizeof(buf));
	for (int i = 0; i < 3; i++) {
		if (sendto(us, buf, 37, 0, (struct sockaddr *)&ua, sizeof(ua)) != 37)
			return 1;
		if (recv(ur, buf, sizeof(buf), 0) != 37)
			return 1;
	}

	/* TCP */
	l = bound(SOCK_STREAM, &la);
	if (l < 0 || listen(l, 1) != 0)
		return 1;
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&la, sizeof(la)) != 0)
		return 1;
	s = accept(l, NULL, NULL);
	if (s < 0)
		return 1;
	memset(buf, 't', sizeof(buf));
	if (write(c, buf, 123) != 123)
		return 1;
	for (int got = 0; got < 123; got += rc)
		if ((rc = read(s, buf, 123 - got)) <= 0)
			return 1;
	if (write(s, buf, 45) != 45)
		return 1;
	for (int got = 0; got < 45; got += rc)
		if ((rc = read(c, buf, 45 - got)) <= 0)
			return 1;

	/* Refused: a port bound (so no one else takes it) but not listening. */
	r = bound(SOCK_STREAM, &ra);
	if (r < 0)
		return 1;
	rport = ntohs(ra.sin_port);
	rc = socket(AF_INET, SOCK_STREAM, 0);
	if (rc < 0 || connect(rc, (struct sockaddr *)&ra, sizeof(ra)) == 0 ||
	    errno != ECONNREFUSED)
		return 1;

	printf("udp %d %d\n", port_of(us), port_of(ur));
	printf("tcp %d %d\n", port_of(c), port_of(l));
	printf("refused %d\n", rport);
	close(c);
	close(s);
	close(l);
	close(r);
	close(rc);
	close(us);
	close(ur);
	return 0;
}
