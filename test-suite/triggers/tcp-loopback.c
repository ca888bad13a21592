/*
 * A TCP connection on loopback: listen on 127.0.0.1 on an ephemeral port, connect to it,
 * accept, write 100 bytes each way, close both ends. With an argument (`ports`), prints the
 * ports it used on stdout ("listen PORT", "client PORT") before closing, for tests to compare
 * with what the tcp provider reported.
 */
#include <arpa/inet.h>
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

int main(int argc, char **argv)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	char buf[100];
	int l, c, s;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(l, 1) != 0)
		return 1;
	if (getsockname(l, (struct sockaddr *)&a, &len) != 0)
		return 1;
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
		return 1;
	s = accept(l, NULL, NULL);
	if (s < 0)
		return 1;
	memset(buf, 'x', sizeof(buf));
	if (write(c, buf, sizeof(buf)) != sizeof(buf) || read(s, buf, sizeof(buf)) <= 0)
		return 1;
	if (write(s, buf, sizeof(buf)) != sizeof(buf) || read(c, buf, sizeof(buf)) <= 0)
		return 1;
	(void)argv;
	if (argc > 1)
		printf("listen %d\nclient %d\n", port_of(l), port_of(c));
	close(c);
	close(s);
	close(l);
	return 0;
}
