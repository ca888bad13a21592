/*
 * ip.d: the network providers' common stable types (pktinfo_t, csinfo_t, ipinfo_t), as
 * DTrace defines them, translated from the Linux socket (struct sock) read through BTF.
 *
 * The tcp probes of this DTrace are built on sock:inet_sock_set_state, which passes a socket
 * and no packet. ipinfo_t is therefore rebuilt from the socket's addresses, as Oracle's
 * ipinfo_t translator does when no IP header is at hand, and ip_plength is 0 (no payload is
 * being sent or received by a state change). Which of the socket's addresses is the source
 * depends on the direction of the segment that caused the probe: a probe caused by a
 * segment the socket sends translates from `struct sock *`, one caused by a segment it
 * receives translates from `struct inet_sock *` (the same socket, seen from the receiving
 * side), so that the provider picks the direction by the type it casts to.
 */

inline int IPPROTO_IP = 0;
inline int IPPROTO_ICMP = 1;
inline int IPPROTO_IGMP = 2;
inline int IPPROTO_TCP = 6;
inline int IPPROTO_UDP = 17;
inline int IPPROTO_IPV6 = 41;
inline int IPPROTO_ICMPV6 = 58;
inline int IPPROTO_SCTP = 132;
inline int IPPROTO_RAW = 255;

inline int AF_INET = 2;
inline int AF_INET6 = 10;

/* Hardware types link_ntop() formats. */
inline int ARPHRD_ETHER = 1;
inline int ARPHRD_INFINIBAND = 32;

typedef struct pktinfo {
	uintptr_t pkt_addr;
} pktinfo_t;

typedef struct csinfo {
	uintptr_t cs_addr;
	uint64_t cs_cid;
} csinfo_t;

typedef struct ipinfo {
	uint8_t	ip_ver;
	uint32_t ip_plength;
	string	ip_saddr;
	string	ip_daddr;
} ipinfo_t;

/* No packet: DTrace's pkt_addr is NULL whenever it has no packet ID to give. */
translator pktinfo_t < struct sock *S > {
	pkt_addr = 0;
};

translator csinfo_t < struct sock *S > {
	cs_addr = (uintptr_t)S;
	cs_cid = 0;
};

/* Outbound: the local address is the source. */
translator ipinfo_t < struct sock *S > {
	ip_ver = S->__sk_common.skc_family == AF_INET ? 4 :
	    S->__sk_common.skc_family == AF_INET6 ? 6 : 0;
	ip_plength = 0;
	ip_saddr = S->__sk_common.skc_family == AF_INET ?
	    inet_ntoa((uintptr_t)&S->__sk_common.skc_rcv_saddr) :
	    S->__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6((uintptr_t)&S->__sk_common.skc_v6_rcv_saddr) : "<unknown>";
	ip_daddr = S->__sk_common.skc_family == AF_INET ?
	    inet_ntoa((uintptr_t)&S->__sk_common.skc_daddr) :
	    S->__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6((uintptr_t)&S->__sk_common.skc_v6_daddr) : "<unknown>";
};

/* Inbound: the remote address is the source. */
translator ipinfo_t < struct inet_sock *I > {
	ip_ver = I->sk.__sk_common.skc_family == AF_INET ? 4 :
	    I->sk.__sk_common.skc_family == AF_INET6 ? 6 : 0;
	ip_plength = 0;
	ip_saddr = I->sk.__sk_common.skc_family == AF_INET ?
	    inet_ntoa((uintptr_t)&I->sk.__sk_common.skc_daddr) :
	    I->sk.__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6((uintptr_t)&I->sk.__sk_common.skc_v6_daddr) : "<unknown>";
	ip_daddr = I->sk.__sk_common.skc_family == AF_INET ?
	    inet_ntoa((uintptr_t)&I->sk.__sk_common.skc_rcv_saddr) :
	    I->sk.__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6((uintptr_t)&I->sk.__sk_common.skc_v6_rcv_saddr) : "<unknown>";
};

/*
 * The per-packet probes (ip:::send/receive, udp:::send/receive, tcp:::send/receive and
 * accept-refused) are raw tracepoints that pass the socket buffer (struct sk_buff *): their
 * arguments are translated from the packet's headers, found in the buffer. What follows
 * defines the types Oracle's ip.d gives them (ifinfo_t, ipv4info_t, ipv6info_t) and the
 * translators from a packet's headers.
 */

inline int IPPROTO_IPIP = 4;
inline int IPPROTO_EGP = 8;
inline int IPPROTO_ROUTING = 43;
inline int IPPROTO_FRAGMENT = 44;
inline int IPPROTO_GRE = 47;
inline int IPPROTO_ESP = 50;
inline int IPPROTO_AH = 51;
inline int IPPROTO_NONE = 59;
inline int IPPROTO_DSTOPTS = 60;
inline int IPPROTO_OSPF = 89;
inline int IPPROTO_UDPLITE = 136;
inline int TCP_MIN_HEADER_LENGTH = 20;

/* Solaris' IP stack ID; on Linux the network namespace of the interface. */
typedef uint64_t netstackid_t;
typedef uint32_t ipaddr_t;
typedef struct in6_addr in6_addr_t;

typedef struct ifinfo {
	string	if_name;
	int8_t	if_local;
	netstackid_t if_ipstack;
	uintptr_t if_addr;
} ifinfo_t;

typedef struct ipv4info {
	uint8_t	ipv4_ver;
	uint8_t	ipv4_ihl;
	uint8_t	ipv4_tos;
	uint16_t ipv4_length;
	uint16_t ipv4_ident;
	uint8_t	ipv4_flags;
	uint16_t ipv4_offset;
	uint8_t	ipv4_ttl;
	uint8_t	ipv4_protocol;
	string	ipv4_protostr;
	uint16_t ipv4_checksum;
	ipaddr_t ipv4_src;
	ipaddr_t ipv4_dst;
	string	ipv4_saddr;
	string	ipv4_daddr;
	struct iphdr *ipv4_hdr;
} ipv4info_t;

typedef struct ipv6info {
	uint8_t	ipv6_ver;
	uint8_t	ipv6_tclass;
	uint32_t ipv6_flow;
	uint16_t ipv6_plen;
	uint8_t	ipv6_nexthdr;
	string	ipv6_nextstr;
	uint8_t	ipv6_hlim;
	in6_addr_t *ipv6_src;
	in6_addr_t *ipv6_dst;
	string	ipv6_saddr;
	string	ipv6_daddr;
	struct ipv6hdr *ipv6_hdr;
} ipv6info_t;

/*
 * The IP header of a packet whose version is read from the header itself (the high nibble
 * of its first byte). A struct of its own, so that a translator can be chosen for it.
 */
typedef struct __dtrace_void_ip { uint8_t __ver_ihl; } void_ip_t;

/*
 * The same header, in a packet sent (tx) or received (rx): the direction says which of its
 * addresses and ports are local, for udpsinfo_t and tcpsinfo_t.
 */
struct __dtrace_ip_tx { uint8_t __ver_ihl; };
struct __dtrace_ip_rx { uint8_t __ver_ihl; };
/*
 * A packet received by tcp:::receive or udp:::receive, whose stub stores the socket it is for
 * as arg1 (0 when unknown): the translators take the socket's members from it.
 */
struct __dtrace_ip_rcv { uint8_t __ver_ihl; };

translator pktinfo_t < struct sk_buff *S > {
	pkt_addr = (uintptr_t)S;
};

translator ipinfo_t < void_ip_t *I > {
	ip_ver = *(uint8_t *)I >> 4;
	ip_plength = *(uint8_t *)I >> 4 == 4 ?
	    ntohs(((struct iphdr *)I)->tot_len) - ((*(uint8_t *)I & 0xf) << 2) :
	    *(uint8_t *)I >> 4 == 6 ? ntohs(((struct ipv6hdr *)I)->payload_len) : 0;
	ip_saddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->saddr) :
	    *(uint8_t *)I >> 4 == 6 ? inet_ntoa6(&((struct ipv6hdr *)I)->saddr) :
	    "<unknown>";
	ip_daddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->daddr) :
	    *(uint8_t *)I >> 4 == 6 ? inet_ntoa6(&((struct ipv6hdr *)I)->daddr) :
	    "<unknown>";
};

/* if_local: DTrace's "delivered locally", which a packet with no device is. */
translator ifinfo_t < struct net_device *N > {
	if_name = N != 0 ? stringof(N->name) : "<unknown>";
	if_local = N == 0;
	if_ipstack = N != 0 ? (uint64_t)N->nd_net.net : 0;
	if_addr = (uintptr_t)N;
};

translator ipv4info_t < struct iphdr *I > {
	ipv4_ver = I != 0 ? 4 : 0;
	ipv4_ihl = I != 0 ? (*(uint8_t *)I & 0xf) << 2 : 0;
	ipv4_tos = I != 0 ? I->tos : 0;
	ipv4_length = I != 0 ? ntohs(I->tot_len) : 0;
	ipv4_ident = I != 0 ? ntohs(I->id) : 0;
	ipv4_flags = I != 0 ? ntohs(I->frag_off) >> 12 : 0;
	ipv4_offset = I != 0 ? ntohs(I->frag_off) & 0x0fff : 0;
	ipv4_ttl = I != 0 ? I->ttl : 0;
	ipv4_protocol = I != 0 ? I->protocol : 0;
	ipv4_protostr = I == 0 ? "<null>" :
	    I->protocol == IPPROTO_TCP ? "TCP" :
	    I->protocol == IPPROTO_UDP ? "UDP" :
	    I->protocol == IPPROTO_IP ? "IP" :
	    I->protocol == IPPROTO_ICMP ? "ICMP" :
	    I->protocol == IPPROTO_IGMP ? "IGMP" :
	    I->protocol == IPPROTO_EGP ? "EGP" :
	    I->protocol == IPPROTO_IPV6 ? "IPv6" :
	    I->protocol == IPPROTO_ROUTING ? "ROUTE" :
	    I->protocol == IPPROTO_ESP ? "ESP" :
	    I->protocol == IPPROTO_AH ? "AH" :
	    I->protocol == IPPROTO_ICMPV6 ? "ICMPv6" :
	    I->protocol == IPPROTO_OSPF ? "OSPF" :
	    I->protocol == IPPROTO_SCTP ? "SCTP" :
	    I->protocol == IPPROTO_RAW ? "RAW" :
	    lltostr((uint64_t)I->protocol);
	ipv4_checksum = I != 0 ? ntohs(I->check) : 0;
	ipv4_src = I != 0 ? I->saddr : 0;
	ipv4_dst = I != 0 ? I->daddr : 0;
	ipv4_saddr = I != 0 ? inet_ntoa(&I->saddr) : "<null>";
	ipv4_daddr = I != 0 ? inet_ntoa(&I->daddr) : "<null>";
	ipv4_hdr = I;
};

translator ipv6info_t < struct ipv6hdr *I > {
	ipv6_ver = I != 0 ? *(uint8_t *)I >> 4 : 0;
	ipv6_tclass = I != 0 ? (ntohl(*(uint32_t *)I) >> 20) & 0xff : 0;
	ipv6_flow = I != 0 ? ntohl(*(uint32_t *)I) & 0x000fffff : 0;
	ipv6_plen = I != 0 ? ntohs(I->payload_len) : 0;
	ipv6_nexthdr = I != 0 ? I->nexthdr : 0;
	ipv6_nextstr = I == 0 ? "<null>" :
	    I->nexthdr == IPPROTO_TCP ? "TCP" :
	    I->nexthdr == IPPROTO_UDP ? "UDP" :
	    I->nexthdr == IPPROTO_IP ? "IP" :
	    I->nexthdr == IPPROTO_ICMP ? "ICMP" :
	    I->nexthdr == IPPROTO_IGMP ? "IGMP" :
	    I->nexthdr == IPPROTO_EGP ? "EGP" :
	    I->nexthdr == IPPROTO_IPV6 ? "IPv6" :
	    I->nexthdr == IPPROTO_ROUTING ? "ROUTE" :
	    I->nexthdr == IPPROTO_ESP ? "ESP" :
	    I->nexthdr == IPPROTO_AH ? "AH" :
	    I->nexthdr == IPPROTO_ICMPV6 ? "ICMPv6" :
	    I->nexthdr == IPPROTO_OSPF ? "OSPF" :
	    I->nexthdr == IPPROTO_SCTP ? "SCTP" :
	    I->nexthdr == IPPROTO_RAW ? "RAW" :
	    lltostr((uint64_t)I->nexthdr);
	ipv6_hlim = I != 0 ? I->hop_limit : 0;
	ipv6_src = I != 0 ? &I->saddr : 0;
	ipv6_dst = I != 0 ? &I->daddr : 0;
	ipv6_saddr = I != 0 ? inet_ntoa6(&I->saddr) : "<null>";
	ipv6_daddr = I != 0 ? inet_ntoa6(&I->daddr) : "<null>";
	ipv6_hdr = I;
};
