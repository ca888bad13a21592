/*
 * TCP on 127.0.0.1 in two processes, so that a listener can exist before tracing begins:
 * - `tcp-serve listen N`: listen on an ephemeral port, print it ("PORT\n", flushed), accept N
 *   connections, reading each until the client closes, and exit;
 * - `tcp-serve connect PORT N`: make N connections to PORT one after the other, each sending
 *   2 bytes and closing once the server has closed its end.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	char buf[16];
	int n, fd, s;

	if (argc < 3)
		return 2;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (strcmp(argv[1], "listen") == 0) {
		n = atoi(argv[2]);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, n) != 0 ||
		    getsockname(fd, (struct sockaddr *)&a, &len) != 0)
			return 1;
		printf("%d\n", ntohs(a.sin_port));
		fflush(stdout);
		for (int i = 0; i < n; i++) {
			s = accept(fd, NULL, NULL);
			if (s < 0)
				return 1;
			while (read(s, buf, sizeof(buf)) > 0)
				;
			close(s);
		}
		return 0;
	}
	if (strcmp(argv[1], "connect") != 0 || argc < 4)
		return 2;
	a.sin_port = htons(atoi(argv[2]));
	n = atoi(argv[3]);
	for (int i = 0; i < n; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
		    write(fd, "hi", 2) != 2)
			return 1;
		shutdown(fd, SHUT_WR);
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		close(fd);
	}
	return 0;
}
