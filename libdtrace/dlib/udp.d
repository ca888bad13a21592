/*
 * udp.d: the udp provider's stable types (udpinfo_t, udpsinfo_t), as DTrace defines them,
 * translated from the headers of the datagram a probe sees (see ip.d).
 *
 * udp:::send and receive are raw tracepoints below the socket layer, which pass a socket
 * buffer: the local and remote ports and addresses are the datagram's source and
 * destination, by direction. udps_addr is the sending socket on send; on receive the kernel
 * has not matched the datagram to its socket yet, and udps_addr is the socket the provider's
 * table of sockets names for it (arg1, see ip.d), 0 when it knows none.
 */

typedef struct udpinfo {
	uint16_t udp_sport;
	uint16_t udp_dport;
	uint16_t udp_length;
	uint16_t udp_checksum;
	struct udphdr *udp_hdr;
} udpinfo_t;

typedef struct udpsinfo {
	uintptr_t udps_addr;
	uint16_t udps_lport;
	uint16_t udps_rport;
	string	udps_laddr;
	string	udps_raddr;
} udpsinfo_t;

translator udpinfo_t < struct udphdr *U > {
	udp_sport = ntohs(U->source);
	udp_dport = ntohs(U->dest);
	udp_length = ntohs(U->len);
	udp_checksum = ntohs(U->check);
	udp_hdr = U;
};

/*
 * The UDP header follows the IP header: IPv4's is IHL words long, IPv6's 40 bytes (the udp
 * probes fire only for datagrams whose IPv6 header is followed by the UDP header).
 */
translator udpsinfo_t < struct __dtrace_ip_tx *I > {
	udps_addr = (uintptr_t)((struct sk_buff *)arg0)->sk;
	udps_lport = ntohs(((struct udphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->source);
	udps_rport = ntohs(((struct udphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->dest);
	udps_laddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->saddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->saddr);
	udps_raddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->daddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->daddr);
};

translator udpsinfo_t < struct __dtrace_ip_rx *I > {
	udps_addr = 0;
	udps_lport = ntohs(((struct udphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->dest);
	udps_rport = ntohs(((struct udphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->source);
	udps_laddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->daddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->daddr);
	udps_raddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->saddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->saddr);
};

translator udpsinfo_t < struct __dtrace_ip_rcv *I > {
	udps_addr = (uintptr_t)arg1;
	udps_lport = ntohs(((struct udphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->dest);
	udps_rport = ntohs(((struct udphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->source);
	udps_laddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->daddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->daddr);
	udps_raddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->saddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->saddr);
};
