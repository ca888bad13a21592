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
