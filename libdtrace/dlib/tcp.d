/*
 * tcp.d: the tcp provider's stable types (tcpsinfo_t, tcplsinfo_t, tcpinfo_t) and constants,
 * as DTrace defines them, translated from the Linux TCP socket read through BTF.
 *
 * Linux numbers TCP states as DTrace's TCP_STATE_* constants do (TCP_ESTABLISHED = 1 ...
 * TCP_CLOSING = 11), so states pass through unchanged.
 *
 * Every tcp probe is sock:inet_sock_set_state (sk, oldstate, newstate), which runs before the
 * socket's sk_state is updated: tcps_state is the new state, arg2, and tcplsinfo_t's the old
 * one, arg1. With no segment at hand, tcpinfo_t holds the ports of the segment that caused
 * the probe (by direction, as ip.d explains) and 0 for the other header fields.
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
