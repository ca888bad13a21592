/*
 * The socket table of tcp:::receive and udp:::receive (codegen/socktab.rs): a hash map from a
 * connection's addresses and ports to its socket, filled where the kernel names the socket
 * (a TCP state change, a packet sent), and read where it does not yet (a packet received,
 * before the kernel matches it to a socket).
 *
 * The map comes in as an argument (a map pointer passed to a BPF-to-BPF call keeps its type),
 * and so do the offsets of the kernel's structures, read from BTF by the code generator
 * (struct dt_sock_layout, on the caller's stack). Sockets are read with
 * bpf_probe_read_kernel(): an entry whose socket was freed reads whatever the memory holds
 * and is checked against the packet before it is used.
 */
#include "runtime.h"

static void *(*const bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*const bpf_map_update_elem)(void *map, const void *key, const void *value,
					 u64 flags) = (void *)2;
static long (*const bpf_map_delete_elem)(void *map, const void *key) = (void *)3;

/* Must match codegen/socktab.rs (Layout::words). */
struct dt_sock_layout {
	u16 skb_sk, skb_head, skb_data, skb_network_header;
	u16 skb_protocol, skc_daddr, skc_rcv_saddr, skc_dport;
	u16 skc_num, skc_family, skc_state, skc_v6_daddr;
	u16 skc_v6_rcv_saddr, sk_protocol, sk_type, sk_flags;
	/* skc_ipv6only's byte (NO_FIELD: unknown) and bit in it. */
	u16 skc_ipv6only_byte, skc_ipv6only_bit;
	/* request_sock.rsk_listener (NO_FIELD: unknown). */
	u16 rsk_listener, unused;
};

/* skc_v6_* of a kernel without IPv6. */
#define NO_FIELD 0xffff

/* Must match codegen/socktab.rs (KEY_SIZE). Addresses in network order, ports in host order. */
struct dt_sock_key {
	u32 laddr[4];
	u32 raddr[4];
	u16 lport;
	u16 rport;
	u8 ver;
	u8 proto;
	u16 pad;
};

#define AF_INET 2
#define AF_INET6 10
#define PROTO_TCP 6
#define PROTO_UDP 17
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define TCP_ESTABLISHED 1
#define TCP_TIME_WAIT 6
#define TCP_CLOSE 7
#define TCP_LISTEN 10
#define TCP_NEW_SYN_RECV 12
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10
/* sk_flags bit of a socket its owner closed (SOCK_DEAD). */
#define SOCK_DEAD 1

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ntohs(x) __builtin_bswap16(x)
#define ntohl(x) __builtin_bswap32(x)
#else
#define ntohs(x) (x)
#define ntohl(x) (x)
#endif

INLINE void key_clear(struct dt_sock_key *k)
{
	__builtin_memset(k, 0, sizeof(*k));
}

/*
 * The key of socket sk (any struct sock_common: a full socket or a request socket): its local
 * and remote addresses and ports. An IPv6 socket connected to an IPv4-mapped address carries
 * IPv4 packets and is keyed as IPv4. -1 for another family.
 */
INLINE int sock_key(u64 sk, const struct dt_sock_layout *l, u8 proto, struct dt_sock_key *k)
{
	u16 family = rd16(sk + l->skc_family);

	key_clear(k);
	k->proto = proto;
	k->lport = rd16(sk + l->skc_num);
	k->rport = ntohs(rd16(sk + l->skc_dport));
	if (family == AF_INET6 && l->skc_v6_daddr != NO_FIELD && l->skc_v6_rcv_saddr != NO_FIELD) {
		bpf_probe_read_kernel(k->raddr, 16, (void *)(sk + l->skc_v6_daddr));
		if (!(k->raddr[0] == 0 && k->raddr[1] == 0 &&
		      k->raddr[2] == ntohl(0xffff))) {
			bpf_probe_read_kernel(k->laddr, 16, (void *)(sk + l->skc_v6_rcv_saddr));
			k->ver = 6;
			return 0;
		}
		__builtin_memset(k->raddr, 0, 16);
	} else if (family != AF_INET) {
		return -1;
	}
	k->ver = 4;
	k->laddr[0] = rd32(sk + l->skc_rcv_saddr);
	k->raddr[0] = rd32(sk + l->skc_daddr);
	return 0;
}

/*
 * The key of the packet whose IP header is at ip, as its receiver sees it (local = the
 * destination), if its IP header is followed by a header of protocol proto; and its TCP
 * flags. -1 otherwise.
 */
INLINE int packet_key(u64 ip, u8 proto, struct dt_sock_key *k, u8 *flags)
{
	u8 hdr[40];
	u16 ports[2] = { 0, 0 };
	u64 th;

	key_clear(k);
	if (bpf_probe_read_kernel(hdr, 20, (void *)ip))
		return -1;
	if (hdr[0] >> 4 == 4) {
		/* Not a fragment after the first (the offset bits of frag_off). */
		if (hdr[9] != proto || ((hdr[6] & 0x1f) | hdr[7]) != 0)
			return -1;
		k->ver = 4;
		__builtin_memcpy(&k->raddr[0], &hdr[12], 4);
		__builtin_memcpy(&k->laddr[0], &hdr[16], 4);
		th = ip + ((hdr[0] & 0xf) << 2);
	} else if (hdr[0] >> 4 == 6) {
		if (bpf_probe_read_kernel(hdr, 40, (void *)ip) || hdr[6] != proto)
			return -1;
		k->ver = 6;
		__builtin_memcpy(k->raddr, &hdr[8], 16);
		__builtin_memcpy(k->laddr, &hdr[24], 16);
		th = ip + 40;
	} else {
		return -1;
	}
	if (bpf_probe_read_kernel(ports, 4, (void *)th))
		return -1;
	k->rport = ntohs(ports[0]);
	k->lport = ntohs(ports[1]);
	k->proto = proto;
	*flags = proto == PROTO_TCP ? rd8(th + 13) : 0;
	return 0;
}

/* Whether sk, found under key k, still is a socket with k's ports (not freed and reused). */
INLINE int still_valid(u64 sk, const struct dt_sock_layout *l, const struct dt_sock_key *k)
{
	u8 state = rd8(sk + l->skc_state);

	if (rd16(sk + l->skc_num) != k->lport || ntohs(rd16(sk + l->skc_dport)) != k->rport)
		return 0;
	if (k->proto == PROTO_TCP)
		return state != TCP_CLOSE && state != 0;
	/* A closed UDP socket (nothing removes it from the table when it closes). */
	return (rd64(sk + l->sk_flags) & (1 << SOCK_DEAD)) == 0;
}

INLINE u64 find(void *map, const struct dt_sock_layout *l, const struct dt_sock_key *k)
{
	u64 *v = bpf_map_lookup_elem(map, k);
	u64 sk;

	if (!v)
		return 0;
	sk = *v;
	if (still_valid(sk, l, k))
		return sk;
	bpf_map_delete_elem(map, k);
	return 0;
}

INLINE void remember(void *map, u64 sk, const struct dt_sock_key *k)
{
	u64 *v = bpf_map_lookup_elem(map, k);

	if (v && *v == sk)
		return;
	bpf_map_update_elem(map, k, &sk, 0);
}

INLINE void forget(void *map, u64 sk, const struct dt_sock_key *k)
{
	u64 *v = bpf_map_lookup_elem(map, k);

	if (v && *v == sk)
		bpf_map_delete_elem(map, k);
}

/*
 * The socket that the packet skb, being received, is for, or 0 when the table has none: the
 * connection's (exact addresses and ports); failing that, for UDP and for a TCP connection
 * request (SYN without ACK), the socket bound to the local port and address, then to the port
 * and any address, then for IPv4 an IPv6 socket bound to the port and any address (unless
 * IPV6_V6ONLY), as the kernel's own lookups prefer them. Other TCP segments go to a
 * connection or to none.
 */
ROUTINE u64 dt_sock_lookup(u64 skb, void *map, const struct dt_sock_layout *l, u64 proto)
{
	struct dt_sock_key k;
	u16 eth = ntohs(rd16(skb + l->skb_protocol));
	u8 flags = 0;
	u64 sk;

	if (eth != 0x800 && eth != 0x86dd)
		return 0;
	if (packet_key(rd64(skb + l->skb_data), proto, &k, &flags))
		return 0;
	sk = find(map, l, &k);
	if (sk)
		return sk;
	if (proto == PROTO_TCP && (flags & (TH_SYN | TH_ACK | TH_RST)) != TH_SYN)
		return 0;
	__builtin_memset(k.raddr, 0, 16);
	k.rport = 0;
	sk = find(map, l, &k);
	if (sk)
		return sk;
	__builtin_memset(k.laddr, 0, 16);
	sk = find(map, l, &k);
	if (sk || k.ver != 4)
		return sk;
	/* An IPv6 socket on the wildcard address takes IPv4 too, unless IPV6_V6ONLY. */
	k.ver = 6;
	sk = find(map, l, &k);
	if (sk && l->skc_ipv6only_byte != NO_FIELD &&
	    (rd8(sk + l->skc_ipv6only_byte) >> (l->skc_ipv6only_bit & 7)) & 1)
		return 0;
	return sk;
}

/*
 * sock:inet_sock_set_state (sk, oldstate, newstate) of a TCP socket: remember it under its
 * addresses and ports, or forget it when it closes. Before connect() picks the local port
 * (CLOSE to SYN_SENT) the socket is not keyed yet: its SYN, sent, is (dt_sock_sent).
 */
ROUTINE long dt_sock_state_change(u64 *ctx, void *map, const struct dt_sock_layout *l)
{
	struct dt_sock_key k;
	u64 sk = ctx[0];
	u64 newstate = ctx[2];

	if (sk == 0 || rd16(sk + l->sk_protocol) != PROTO_TCP ||
	    rd16(sk + l->sk_type) != SOCK_STREAM)
		return 0;
	if (sock_key(sk, l, PROTO_TCP, &k))
		return 0;
	/*
	 * Not before the socket has its ports: connect() picks the local one after CLOSE to
	 * SYN_SENT, and before Linux 6.14 a connection's child socket entered SYN_RECV with its
	 * listener's addresses and ports, not yet its own.
	 */
	if (newstate == TCP_CLOSE)
		forget(map, sk, &k);
	else if (k.lport != 0 && (k.rport != 0 || newstate == TCP_LISTEN))
		remember(map, sk, &k);
	return 0;
}

/*
 * net:net_dev_queue (skb): remember the socket that sends a TCP segment or a UDP datagram: a
 * TCP connection's full socket (its first SYN is where its local port is first known) or its
 * request socket (a SYN-ACK: the handshake's last ACK is received by it) and its listener (one
 * from before tracing began has not been seen listening), a UDP socket (an
 * unconnected one under its own wildcard addresses and ports, as the packets it receives from
 * anyone are looked up). Not a TCP time-wait socket, nor a closed one (a reset sent while
 * closing), nor the per-CPU control sockets that send resets for no connection (SOCK_RAW).
 */
ROUTINE long dt_sock_sent(u64 *ctx, void *map, const struct dt_sock_layout *l)
{
	struct dt_sock_key k;
	u64 skb = ctx[0];
	u64 sk, ip;
	u16 eth;
	u8 proto, state;

	if (skb == 0)
		return 0;
	sk = rd64(skb + l->skb_sk);
	if (sk == 0)
		return 0;
	eth = ntohs(rd16(skb + l->skb_protocol));
	ip = rd64(skb + l->skb_head) + rd16(skb + l->skb_network_header);
	if (eth == 0x800)
		proto = rd8(ip + 9);
	else if (eth == 0x86dd)
		proto = rd8(ip + 6);
	else
		return 0;
	state = rd8(sk + l->skc_state);
	if (proto == PROTO_TCP) {
		if (state == TCP_CLOSE || state == TCP_TIME_WAIT || state == 0)
			return 0;
		if (state != TCP_NEW_SYN_RECV && (rd16(sk + l->sk_type) != SOCK_STREAM ||
						  rd16(sk + l->sk_protocol) != PROTO_TCP))
			return 0;
	} else if (proto == PROTO_UDP) {
		if (rd16(sk + l->sk_type) != SOCK_DGRAM || rd16(sk + l->sk_protocol) != PROTO_UDP)
			return 0;
	} else {
		return 0;
	}
	if (sock_key(sk, l, proto, &k) || k.lport == 0)
		return 0;
	remember(map, sk, &k);
	if (state == TCP_NEW_SYN_RECV && l->rsk_listener != NO_FIELD) {
		sk = rd64(sk + l->rsk_listener);
		if (sk == 0 || rd8(sk + l->skc_state) != TCP_LISTEN)
			return 0;
		if (sock_key(sk, l, PROTO_TCP, &k) || k.lport == 0)
			return 0;
		remember(map, sk, &k);
	}
	return 0;
}

/*
 * sock:sk_data_ready (sk): remember a UDP socket that receives a datagram (queued to it): one
 * that only receives is known from its second datagram on.
 */
ROUTINE long dt_sock_ready(u64 *ctx, void *map, const struct dt_sock_layout *l)
{
	struct dt_sock_key k;
	u64 sk = ctx[0];

	if (sk == 0 || rd16(sk + l->sk_type) != SOCK_DGRAM ||
	    rd16(sk + l->sk_protocol) != PROTO_UDP)
		return 0;
	if (sock_key(sk, l, PROTO_UDP, &k) || k.lport == 0)
		return 0;
	remember(map, sk, &k);
	return 0;
}
