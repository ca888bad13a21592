/*
 * tcp.d: the tcp provider's stable types (tcpsinfo_t, tcplsinfo_t, tcpinfo_t) and constants,
 * as DTrace defines them, translated from the Linux TCP socket read through BTF.
 *
 * Linux numbers TCP states as DTrace's TCP_STATE_* constants do (TCP_ESTABLISHED = 1 ...
 * TCP_CLOSING = 11), so states pass through unchanged.
 *
 * The state-change based tcp probes (state-change, connect-request, connect-established,
 * accept-established) are sock:inet_sock_set_state (sk, oldstate, newstate), which runs before
 * the socket's sk_state is updated: tcps_state is the new state, arg2, and tcplsinfo_t's the old
 * one, arg1. With no segment at hand, tcpinfo_t holds the ports of the segment that caused
 * the probe (by direction, as ip.d explains) and 0 for the other header fields. The
 * per-segment ones (send, receive, accept-refused, connect-refused) are further down.
 */

inline int TH_FIN = 0x01;
inline int TH_SYN = 0x02;
inline int TH_RST = 0x04;
inline int TH_PSH = 0x08;
inline int TH_ACK = 0x10;
inline int TH_URG = 0x20;
inline int TH_ECE = 0x40;
inline int TH_CWR = 0x80;

inline int TCP_STATE_IDLE = 0x00;
inline int TCP_STATE_ESTABLISHED = 0x01;
inline int TCP_STATE_SYN_SENT = 0x02;
inline int TCP_STATE_SYN_RECEIVED = 0x03;
inline int TCP_STATE_FIN_WAIT_1 = 0x04;
inline int TCP_STATE_FIN_WAIT_2 = 0x05;
inline int TCP_STATE_TIME_WAIT = 0x06;
inline int TCP_STATE_CLOSED = 0x07;
inline int TCP_STATE_CLOSE_WAIT = 0x08;
inline int TCP_STATE_LAST_ACK = 0x09;
inline int TCP_STATE_LISTEN = 0x0a;
inline int TCP_STATE_CLOSING = 0x0b;

typedef struct tcpinfo {
	uint16_t tcp_sport;
	uint16_t tcp_dport;
	uint32_t tcp_seq;
	uint32_t tcp_ack;
	uint8_t	tcp_offset;
	uint8_t	tcp_flags;
	uint16_t tcp_window;
	uint16_t tcp_checksum;
	uint16_t tcp_urgent;
	uintptr_t tcp_hdr;
} tcpinfo_t;

typedef struct tcpsinfo {
	uintptr_t tcps_addr;
	int	tcps_local;
	uint16_t tcps_lport;
	uint16_t tcps_rport;
	string	tcps_laddr;
	string	tcps_raddr;
	int	tcps_state;
	uint32_t tcps_iss;
	uint32_t tcps_suna;
	uint32_t tcps_snxt;
	uint32_t tcps_rnxt;
	uint32_t tcps_swnd;
	int32_t	tcps_snd_ws;
	uint32_t tcps_rwnd;
	int32_t	tcps_rcv_ws;
	uint32_t tcps_cwnd;
	uint32_t tcps_cwnd_ssthresh;
	uint32_t tcps_sack_snxt;
	uint32_t tcps_rto;
	uint32_t tcps_mss;
	int	tcps_retransmit;
	uint32_t tcps_rtt;
	uint32_t tcps_rtt_sd;
	uint32_t tcps_irs;
} tcpsinfo_t;

typedef struct tcplsinfo {
	int	tcps_state;
} tcplsinfo_t;

/*
 * The local port is skc_num (host order, set once bound); the remote one skc_dport (network
 * order).
 */
translator tcpsinfo_t < struct tcp_sock *T > {
	tcps_addr = (uintptr_t)T;
	tcps_local = ((struct sock *)T)->__sk_common.skc_family == AF_INET ?
	    ((struct sock *)T)->__sk_common.skc_rcv_saddr ==
	    ((struct sock *)T)->__sk_common.skc_daddr : 0;
	tcps_lport = ((struct sock *)T)->__sk_common.skc_num;
	tcps_rport = ntohs(((struct sock *)T)->__sk_common.skc_dport);
	tcps_laddr = ((struct sock *)T)->__sk_common.skc_family == AF_INET ?
	    inet_ntoa((uintptr_t)&((struct sock *)T)->__sk_common.skc_rcv_saddr) :
	    ((struct sock *)T)->__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6((uintptr_t)&((struct sock *)T)->__sk_common.skc_v6_rcv_saddr) :
	    "<unknown>";
	tcps_raddr = ((struct sock *)T)->__sk_common.skc_family == AF_INET ?
	    inet_ntoa((uintptr_t)&((struct sock *)T)->__sk_common.skc_daddr) :
	    ((struct sock *)T)->__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6((uintptr_t)&((struct sock *)T)->__sk_common.skc_v6_daddr) :
	    "<unknown>";
	tcps_state = arg2;
	tcps_iss = T->snd_una - (uint32_t)T->bytes_acked;
	tcps_suna = T->snd_una;
	tcps_snxt = T->snd_nxt;
	tcps_rnxt = T->rcv_nxt;
	tcps_swnd = T->snd_wnd;
	tcps_snd_ws = T->rx_opt.snd_wscale;
	tcps_rwnd = T->rcv_wnd;
	tcps_rcv_ws = T->rx_opt.rcv_wscale;
	tcps_cwnd = T->snd_cwnd;
	tcps_cwnd_ssthresh = T->snd_ssthresh;
	tcps_sack_snxt = T->snd_una;
	tcps_rto = T->inet_conn.icsk_rto;
	tcps_mss = T->mss_cache;
	tcps_retransmit = 0;
	tcps_rtt = (T->srtt_us >> 3) / 1000;
	tcps_rtt_sd = (T->mdev_us >> 2) / 1000;
	tcps_irs = T->bytes_received > 0 ?
	    T->rcv_nxt - (uint32_t)T->bytes_received : 0;
};

translator tcplsinfo_t < int I > {
	tcps_state = I;
};

/* A segment the socket sends: from the local port to the remote one. */
translator tcpinfo_t < struct sock *S > {
	tcp_sport = S->__sk_common.skc_num;
	tcp_dport = ntohs(S->__sk_common.skc_dport);
	tcp_seq = 0;
	tcp_ack = 0;
	tcp_offset = 0;
	tcp_flags = 0;
	tcp_window = 0;
	tcp_checksum = 0;
	tcp_urgent = 0;
	tcp_hdr = 0;
};

/* A segment the socket receives: from the remote port to the local one. */
translator tcpinfo_t < struct inet_sock *I > {
	tcp_sport = ntohs(I->sk.__sk_common.skc_dport);
	tcp_dport = I->sk.__sk_common.skc_num;
	tcp_seq = 0;
	tcp_ack = 0;
	tcp_offset = 0;
	tcp_flags = 0;
	tcp_window = 0;
	tcp_checksum = 0;
	tcp_urgent = 0;
	tcp_hdr = 0;
};

/*
 * Per-segment probes (tcp:::send, receive, accept-refused) see a socket buffer: tcpinfo_t is
 * the segment's TCP header, and tcpsinfo_t is built from the segment's addresses and ports
 * (by direction, see ip.d) and, on send, from the socket that sends it.
 */
translator tcpinfo_t < struct tcphdr *T > {
	tcp_sport = ntohs(T->source);
	tcp_dport = ntohs(T->dest);
	tcp_seq = ntohl(T->seq);
	tcp_ack = ntohl(T->ack_seq);
	tcp_offset = (*((uint8_t *)T + 12) >> 4) << 2;
	tcp_flags = *((uint8_t *)T + 13);
	tcp_window = ntohs(T->window);
	tcp_checksum = ntohs(T->check);
	tcp_urgent = ntohs(T->urg_ptr);
	tcp_hdr = (uintptr_t)T;
};

/*
 * The socket that sends a segment (skb->sk) is the connection's full socket, its request
 * socket (TCP_NEW_SYN_RECV, 12: a SYN-ACK) or its time-wait socket (TCP_TIME_WAIT, 6: an
 * ACK), which share struct sock_common; resets and ACKs sent for no connection are sent from
 * a per-CPU raw control socket (SOCK_RAW), which is no connection's. Only a full socket
 * (SOCK_STREAM, 1) has the tcp_sock members.
 */
inline struct sock *__dtrace_tx_sk = ((struct sk_buff *)arg0)->sk;
inline int __dtrace_tx_skstate = __dtrace_tx_sk == 0 ? 0 :
    __dtrace_tx_sk->__sk_common.skc_state;
inline int __dtrace_tx_full = __dtrace_tx_skstate != 0 && __dtrace_tx_skstate != 6 &&
    __dtrace_tx_skstate != 12 && __dtrace_tx_sk->sk_type == 1;
inline int __dtrace_tx_conn = __dtrace_tx_full || __dtrace_tx_skstate == 6 ||
    __dtrace_tx_skstate == 12;
inline struct tcp_sock *__dtrace_tx_tp = (struct tcp_sock *)__dtrace_tx_sk;

translator tcpsinfo_t < struct __dtrace_ip_tx *I > {
	tcps_addr = __dtrace_tx_conn ? (uintptr_t)__dtrace_tx_sk : 0;
	tcps_local = *(uint8_t *)I >> 4 == 4 ?
	    ((struct iphdr *)I)->saddr == ((struct iphdr *)I)->daddr :
	    *(uint64_t *)&((struct ipv6hdr *)I)->saddr ==
	    *(uint64_t *)&((struct ipv6hdr *)I)->daddr &&
	    *((uint64_t *)&((struct ipv6hdr *)I)->saddr + 1) ==
	    *((uint64_t *)&((struct ipv6hdr *)I)->daddr + 1);
	tcps_lport = ntohs(((struct tcphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->source);
	tcps_rport = ntohs(((struct tcphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->dest);
	tcps_laddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->saddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->saddr);
	tcps_raddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->daddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->daddr);
	/* Linux's TCP_NEW_SYN_RECV is DTrace's SYN_RECEIVED; no connection is CLOSED. */
	tcps_state = !__dtrace_tx_conn ? TCP_STATE_CLOSED :
	    __dtrace_tx_skstate == 12 ? TCP_STATE_SYN_RECEIVED : __dtrace_tx_skstate;
	tcps_iss = __dtrace_tx_full ?
	    __dtrace_tx_tp->snd_una - (uint32_t)__dtrace_tx_tp->bytes_acked : 0;
	tcps_suna = __dtrace_tx_full ? __dtrace_tx_tp->snd_una : 0;
	tcps_snxt = __dtrace_tx_full ? __dtrace_tx_tp->snd_nxt : 0;
	tcps_rnxt = __dtrace_tx_full ? __dtrace_tx_tp->rcv_nxt : 0;
	tcps_swnd = __dtrace_tx_full ? __dtrace_tx_tp->snd_wnd : 0;
	tcps_snd_ws = __dtrace_tx_full ? __dtrace_tx_tp->rx_opt.snd_wscale : 0;
	tcps_rwnd = __dtrace_tx_full ? __dtrace_tx_tp->rcv_wnd : 0;
	tcps_rcv_ws = __dtrace_tx_full ? __dtrace_tx_tp->rx_opt.rcv_wscale : 0;
	tcps_cwnd = __dtrace_tx_full ? __dtrace_tx_tp->snd_cwnd : 0;
	tcps_cwnd_ssthresh = __dtrace_tx_full ? __dtrace_tx_tp->snd_ssthresh : 0;
	tcps_sack_snxt = __dtrace_tx_full ? __dtrace_tx_tp->snd_una : 0;
	tcps_rto = __dtrace_tx_full ? __dtrace_tx_tp->inet_conn.icsk_rto : 0;
	tcps_mss = __dtrace_tx_full ? __dtrace_tx_tp->mss_cache : 0;
	tcps_retransmit = 0;
	tcps_rtt = __dtrace_tx_full ? (__dtrace_tx_tp->srtt_us >> 3) / 1000 : 0;
	tcps_rtt_sd = __dtrace_tx_full ? (__dtrace_tx_tp->mdev_us >> 2) / 1000 : 0;
	tcps_irs = __dtrace_tx_full && __dtrace_tx_tp->bytes_received > 0 ?
	    __dtrace_tx_tp->rcv_nxt - (uint32_t)__dtrace_tx_tp->bytes_received : 0;
};

/*
 * A segment being received has not been matched to its socket yet where the probes see it
 * (below IP): only what the segment says is known. tcps_state is TCP_STATE_IDLE and the
 * socket's sequence numbers and windows are 0. (tcp:::accept-refused: the refused SYN.)
 */
translator tcpsinfo_t < struct __dtrace_ip_rx *I > {
	tcps_addr = 0;
	tcps_local = *(uint8_t *)I >> 4 == 4 ?
	    ((struct iphdr *)I)->saddr == ((struct iphdr *)I)->daddr :
	    *(uint64_t *)&((struct ipv6hdr *)I)->saddr ==
	    *(uint64_t *)&((struct ipv6hdr *)I)->daddr &&
	    *((uint64_t *)&((struct ipv6hdr *)I)->saddr + 1) ==
	    *((uint64_t *)&((struct ipv6hdr *)I)->daddr + 1);
	tcps_lport = ntohs(((struct tcphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->dest);
	tcps_rport = ntohs(((struct tcphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->source);
	tcps_laddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->daddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->daddr);
	tcps_raddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->saddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->saddr);
	tcps_state = TCP_STATE_IDLE;
	tcps_iss = 0;
	tcps_suna = 0;
	tcps_snxt = 0;
	tcps_rnxt = 0;
	tcps_swnd = 0;
	tcps_snd_ws = 0;
	tcps_rwnd = 0;
	tcps_rcv_ws = 0;
	tcps_cwnd = 0;
	tcps_cwnd_ssthresh = 0;
	tcps_sack_snxt = 0;
	tcps_rto = 0;
	tcps_mss = 0;
	tcps_retransmit = 0;
	tcps_rtt = 0;
	tcps_rtt_sd = 0;
	tcps_irs = 0;
};

/*
 * A TCP socket whose tcpsinfo_t has the socket's current state (tcps_state), for probes on
 * tracepoints that pass only the socket (tcp:::connect-refused): the other translators from
 * sockets serve state changes, whose new state is an argument.
 */
struct __dtrace_tcp_sk { uint8_t __opaque; };

translator tcpsinfo_t < struct __dtrace_tcp_sk *S > {
	tcps_addr = (uintptr_t)S;
	tcps_local = ((struct sock *)S)->__sk_common.skc_family == AF_INET ?
	    ((struct sock *)S)->__sk_common.skc_rcv_saddr ==
	    ((struct sock *)S)->__sk_common.skc_daddr : 0;
	tcps_lport = ((struct sock *)S)->__sk_common.skc_num;
	tcps_rport = ntohs(((struct sock *)S)->__sk_common.skc_dport);
	tcps_laddr = ((struct sock *)S)->__sk_common.skc_family == AF_INET ?
	    inet_ntoa(&((struct sock *)S)->__sk_common.skc_rcv_saddr) :
	    ((struct sock *)S)->__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6(&((struct sock *)S)->__sk_common.skc_v6_rcv_saddr) : "<unknown>";
	tcps_raddr = ((struct sock *)S)->__sk_common.skc_family == AF_INET ?
	    inet_ntoa(&((struct sock *)S)->__sk_common.skc_daddr) :
	    ((struct sock *)S)->__sk_common.skc_family == AF_INET6 ?
	    inet_ntoa6(&((struct sock *)S)->__sk_common.skc_v6_daddr) : "<unknown>";
	tcps_state = ((struct sock *)S)->__sk_common.skc_state;
	tcps_iss = ((struct tcp_sock *)S)->snd_una - (uint32_t)((struct tcp_sock *)S)->bytes_acked;
	tcps_suna = ((struct tcp_sock *)S)->snd_una;
	tcps_snxt = ((struct tcp_sock *)S)->snd_nxt;
	tcps_rnxt = ((struct tcp_sock *)S)->rcv_nxt;
	tcps_swnd = ((struct tcp_sock *)S)->snd_wnd;
	tcps_snd_ws = ((struct tcp_sock *)S)->rx_opt.snd_wscale;
	tcps_rwnd = ((struct tcp_sock *)S)->rcv_wnd;
	tcps_rcv_ws = ((struct tcp_sock *)S)->rx_opt.rcv_wscale;
	tcps_cwnd = ((struct tcp_sock *)S)->snd_cwnd;
	tcps_cwnd_ssthresh = ((struct tcp_sock *)S)->snd_ssthresh;
	tcps_sack_snxt = ((struct tcp_sock *)S)->snd_una;
	tcps_rto = ((struct tcp_sock *)S)->inet_conn.icsk_rto;
	tcps_mss = ((struct tcp_sock *)S)->mss_cache;
	tcps_retransmit = 0;
	tcps_rtt = (((struct tcp_sock *)S)->srtt_us >> 3) / 1000;
	tcps_rtt_sd = (((struct tcp_sock *)S)->mdev_us >> 2) / 1000;
	tcps_irs = ((struct tcp_sock *)S)->bytes_received > 0 ? ((struct tcp_sock *)S)->rcv_nxt -
	    (uint32_t)((struct tcp_sock *)S)->bytes_received : 0;
};

/*
 * A segment tcp:::receive sees: the socket it is for is arg1, looked up by the provider in its
 * table of sockets (see ip.d), 0 when unknown. The socket is the connection's full socket, its
 * request socket (TCP_NEW_SYN_RECV, 12: the handshake's last ACK) or, for a connection
 * request, the listener; its state is the one the segment finds, before TCP processes it, as
 * on Oracle's tcp_rcv_state_process() and tcp_rcv_established(). Addresses and ports are the
 * segment's (a listener's may be wildcards).
 */
inline struct sock *__dtrace_rx_sk = (struct sock *)arg1;
inline int __dtrace_rx_skstate = __dtrace_rx_sk == 0 ? 0 :
    __dtrace_rx_sk->__sk_common.skc_state;
inline int __dtrace_rx_full = __dtrace_rx_skstate != 0 && __dtrace_rx_skstate != 6 &&
    __dtrace_rx_skstate != 12;
inline struct tcp_sock *__dtrace_rx_tp = (struct tcp_sock *)__dtrace_rx_sk;

translator tcpsinfo_t < struct __dtrace_ip_rcv *I > {
	tcps_addr = (uintptr_t)__dtrace_rx_sk;
	tcps_local = *(uint8_t *)I >> 4 == 4 ?
	    ((struct iphdr *)I)->saddr == ((struct iphdr *)I)->daddr :
	    *(uint64_t *)&((struct ipv6hdr *)I)->saddr ==
	    *(uint64_t *)&((struct ipv6hdr *)I)->daddr &&
	    *((uint64_t *)&((struct ipv6hdr *)I)->saddr + 1) ==
	    *((uint64_t *)&((struct ipv6hdr *)I)->daddr + 1);
	tcps_lport = ntohs(((struct tcphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->dest);
	tcps_rport = ntohs(((struct tcphdr *)((uintptr_t)I +
	    (*(uint8_t *)I >> 4 == 4 ? (*(uint8_t *)I & 0xf) << 2 : 40)))->source);
	tcps_laddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->daddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->daddr);
	tcps_raddr = *(uint8_t *)I >> 4 == 4 ? inet_ntoa(&((struct iphdr *)I)->saddr) :
	    inet_ntoa6(&((struct ipv6hdr *)I)->saddr);
	/* Linux's TCP_NEW_SYN_RECV is DTrace's SYN_RECEIVED; no socket is IDLE. */
	tcps_state = __dtrace_rx_skstate == 12 ? TCP_STATE_SYN_RECEIVED : __dtrace_rx_skstate;
	tcps_iss = __dtrace_rx_full ?
	    __dtrace_rx_tp->snd_una - (uint32_t)__dtrace_rx_tp->bytes_acked : 0;
	tcps_suna = __dtrace_rx_full ? __dtrace_rx_tp->snd_una : 0;
	tcps_snxt = __dtrace_rx_full ? __dtrace_rx_tp->snd_nxt : 0;
	tcps_rnxt = __dtrace_rx_full ? __dtrace_rx_tp->rcv_nxt : 0;
	tcps_swnd = __dtrace_rx_full ? __dtrace_rx_tp->snd_wnd : 0;
	tcps_snd_ws = __dtrace_rx_full ? __dtrace_rx_tp->rx_opt.snd_wscale : 0;
	tcps_rwnd = __dtrace_rx_full ? __dtrace_rx_tp->rcv_wnd : 0;
	tcps_rcv_ws = __dtrace_rx_full ? __dtrace_rx_tp->rx_opt.rcv_wscale : 0;
	tcps_cwnd = __dtrace_rx_full ? __dtrace_rx_tp->snd_cwnd : 0;
	tcps_cwnd_ssthresh = __dtrace_rx_full ? __dtrace_rx_tp->snd_ssthresh : 0;
	tcps_sack_snxt = __dtrace_rx_full ? __dtrace_rx_tp->snd_una : 0;
	tcps_rto = __dtrace_rx_full ? __dtrace_rx_tp->inet_conn.icsk_rto : 0;
	tcps_mss = __dtrace_rx_full ? __dtrace_rx_tp->mss_cache : 0;
	tcps_retransmit = 0;
	tcps_rtt = __dtrace_rx_full ? (__dtrace_rx_tp->srtt_us >> 3) / 1000 : 0;
	tcps_rtt_sd = __dtrace_rx_full ? (__dtrace_rx_tp->mdev_us >> 2) / 1000 : 0;
	tcps_irs = __dtrace_rx_full && __dtrace_rx_tp->bytes_received > 0 ?
	    __dtrace_rx_tp->rcv_nxt - (uint32_t)__dtrace_rx_tp->bytes_received : 0;
};
