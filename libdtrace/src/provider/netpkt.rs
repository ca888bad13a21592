//! The per-packet network probes: `ip:::send`, `ip:::receive`, `udp:::send`, `udp:::receive`,
//! `tcp:::send`, `tcp:::receive`, `tcp:::accept-refused` and `tcp:::connect-refused`. All but
//! the last are built on raw tracepoints that pass the socket buffer (`struct sk_buff *`,
//! read through BTF), whose IP and TCP/UDP headers the translators of `dlib/ip.d`, `udp.d`
//! and `tcp.d` read.
//!
//! - send: `net:net_dev_queue (skb)`, taken by `__dev_queue_xmit` for every packet handed to
//!   a network device (before queueing disciplines and segmentation offload: a TSO/GSO
//!   packet is one probe, as it is one packet to IP). The IP header is at
//!   `skb->head + skb->network_header`, which IP set. It fires in the thread that transmits:
//!   the sending process for a datagram or for a segment written by `write(2)`, and for
//!   segments TCP sends on its own (ACKs, retransmits, data released by an ACK) whatever
//!   thread or softirq runs TCP then.
//! - receive: `net:netif_receive_skb (skb)`, taken by `__netif_receive_skb_core` for every
//!   packet a device delivers, once the link header has been pulled: the IP header is at
//!   `skb->data`. It fires in softirq context: in the thread that was interrupted or that
//!   re-enabled softirqs, or in `ksoftirqd`. On loopback that is usually the sending thread
//!   (the packet is received when its sender's transmit re-enables softirqs), so a receive
//!   on 127.0.0.1 often has the sender's `pid` and `execname`.
//! - accept-refused: `tcp:tcp_send_reset (sk, skb, reason)` when the segment that caused the
//!   reset (`skb`, the received one) is a SYN without ACK: a connection request refused. It
//!   fires while the SYN is received (softirq, as receive). Its arguments describe the SYN,
//!   as Oracle's do: `ip_saddr` and `tcp_sport` are the refused client's.
//!
//! Both tracepoints see every protocol family: each probe's guard keeps IPv4 and IPv6
//! packets (`skb->protocol`), and the udp and tcp probes those whose IP header is followed
//! by a UDP or TCP header (not a later IPv4 fragment, not an IPv6 extension header). A
//! packet that crosses stacked devices (a VLAN, a bridge, a veth pair) is seen on each of
//! them, and a received packet is seen before IP checks it, so one IP drops later still
//! fires receive. Packets written to a device through a packet socket (AF_PACKET) are handed
//! to it without IP, so `send` reads their IP header where the socket left the network
//! header.
//!
//! When a packet is received the kernel has not matched it to a socket yet, and this kernel
//! has no kprobes to see it later (Oracle's tcp:::receive is `tcp_rcv_state_process()` and
//! `tcp_rcv_established()`). So `udp:::receive` and `tcp:::receive` look the socket up
//! themselves, in a table of sockets by addresses and ports that hidden programs keep from
//! TCP state changes, packets sent and (UDP) datagrams queued (`codegen/socktab.rs`, only
//! when a clause on a receive probe reads the socket): their stub stores it as `arg1`, as
//! Oracle's `arg1` is the socket. `csinfo_t`'s `cs_addr`, `udpsinfo_t`'s `udps_addr` and
//! `tcpsinfo_t`'s `tcps_addr` are that socket, and `tcpsinfo_t` has its state before the
//! segment is processed and its sequence numbers and windows: a connection's socket for its
//! segments (the request socket, SYN_RECEIVED, for the handshake's last ACK), the listener
//! (LISTEN) for a connection request (a SYN without ACK), and for UDP the connected socket
//! or the one bound to the port. A packet the table knows no socket for (its socket has not
//! sent, changed state or, for UDP, received since tracing began; a listener from before
//! has not yet answered a connection; nothing listens) has those 0 and `tcps_state`
//! TCP_STATE_IDLE, with the packet's addresses and ports. `ip:::receive`'s `csinfo_t` stays the packet's `skb->sk` (0 below IP). On send
//! `tcpsinfo_t` is the sending socket's.
//!
//! - connect-refused: `tcp:tcp_receive_reset (sk)` on a socket in SYN_SENT: a reset
//!   answering its SYN, which makes connect(2) fail with ECONNREFUSED. The tracepoint passes
//!   no packet: its arguments come from the socket, as those of the state-change based tcp
//!   probes do (`pktinfo_t` NULL; the reset's source is the remote end), and `tcpsinfo_t`
//!   has the socket's state, SYN_SENT. It fires while the reset is received (softirq).

use super::stable::Stable;

macro_rules! skb {
    () => {
        "((struct sk_buff *)arg0)"
    };
}

/// The IP header of a packet being sent.
macro_rules! tx_ip {
    () => {
        concat!("(", skb!(), "->head + ", skb!(), "->network_header)")
    };
}

/// The IP header of a packet being received.
macro_rules! rx_ip {
    () => {
        concat!("(", skb!(), "->data)")
    };
}

/// The IP header of the segment `tcp_send_reset` answers (its `arg1`, received).
macro_rules! rst_ip {
    () => {
        "(((struct sk_buff *)arg1)->head + ((struct sk_buff *)arg1)->network_header)"
    };
}

/// The transport header after the IP header `$h`: IPv4's is IHL words, IPv6's 40 bytes.
macro_rules! th {
    ($h:expr) => {
        concat!(
            "((uintptr_t)",
            $h,
            " + (*(uint8_t *)",
            $h,
            " >> 4 == 4 ? (*(uint8_t *)",
            $h,
            " & 0xf) << 2 : 40))"
        )
    };
}

/// `args[0..=2]` of a probe on `skb` (expression) whose IP header is `ip`.
macro_rules! common {
    ($skb:expr, $ip:expr) => {
        [
            (concat!("xlate <pktinfo_t *> (", $skb, ")"), "pktinfo_t *"),
            (concat!("xlate <csinfo_t *> (", $skb, "->sk)"), "csinfo_t *"),
            (
                concat!("xlate <ipinfo_t *> ((void_ip_t *)", $ip, ")"),
                "ipinfo_t *",
            ),
        ]
    };
}

macro_rules! ip_args {
    ($ip:expr) => {
        &[
            common!(skb!(), $ip)[0],
            common!(skb!(), $ip)[1],
            common!(skb!(), $ip)[2],
            (
                concat!("xlate <ifinfo_t *> (", skb!(), "->dev)"),
                "ifinfo_t *",
            ),
            (
                concat!(
                    "xlate <ipv4info_t *> ((struct iphdr *)(*(uint8_t *)",
                    $ip,
                    " >> 4 == 4 ? (uintptr_t)",
                    $ip,
                    " : 0))"
                ),
                "ipv4info_t *",
            ),
            (
                concat!(
                    "xlate <ipv6info_t *> ((struct ipv6hdr *)(*(uint8_t *)",
                    $ip,
                    " >> 4 == 6 ? (uintptr_t)",
                    $ip,
                    " : 0))"
                ),
                "ipv6info_t *",
            ),
        ]
    };
}

macro_rules! l4_args {
    ($skb:expr, $ip:expr, $dir:literal, $proto:literal) => {
        &[
            common!($skb, $ip)[0],
            common!($skb, $ip)[1],
            common!($skb, $ip)[2],
            (
                concat!(
                    "xlate <",
                    $proto,
                    "sinfo_t *> ((struct __dtrace_ip_",
                    $dir,
                    " *)",
                    $ip,
                    ")"
                ),
                concat!($proto, "sinfo_t *"),
            ),
            (
                concat!(
                    "xlate <",
                    $proto,
                    "info_t *> ((struct ",
                    $proto,
                    "hdr *)",
                    th!($ip),
                    ")"
                ),
                concat!($proto, "info_t *"),
            ),
        ]
    };
}

/// `args[0..=4]` of `udp:::receive` or `tcp:::receive`: as `l4_args!`, with the socket the
/// packet is for, which the stub stores as `arg1` (see `codegen/socktab.rs`), as `csinfo_t`
/// and in the `udpsinfo_t` or `tcpsinfo_t` of `struct __dtrace_ip_rcv`.
macro_rules! rcv_args {
    ($proto:literal) => {
        &[
            common!(skb!(), rx_ip!())[0],
            ("xlate <csinfo_t *> ((struct sock *)arg1)", "csinfo_t *"),
            common!(skb!(), rx_ip!())[2],
            (
                concat!(
                    "xlate <",
                    $proto,
                    "sinfo_t *> ((struct __dtrace_ip_rcv *)",
                    rx_ip!(),
                    ")"
                ),
                concat!($proto, "sinfo_t *"),
            ),
            (
                concat!(
                    "xlate <",
                    $proto,
                    "info_t *> ((struct ",
                    $proto,
                    "hdr *)",
                    th!(rx_ip!()),
                    ")"
                ),
                concat!($proto, "info_t *"),
            ),
        ]
    };
}

const fn probe(
    provider: &'static str,
    name: &'static str,
    group: &'static str,
    event: &'static str,
    args: &'static [(&'static str, &'static str)],
) -> Stable {
    Stable {
        provider,
        name,
        event,
        group,
        args,
    }
}

pub const PROBES: &[Stable] = &[
    probe("ip", "send", "net", "net_dev_queue", ip_args!(tx_ip!())),
    probe(
        "ip",
        "receive",
        "net",
        "netif_receive_skb",
        ip_args!(rx_ip!()),
    ),
    probe(
        "udp",
        "send",
        "net",
        "net_dev_queue",
        l4_args!(skb!(), tx_ip!(), "tx", "udp"),
    ),
    probe(
        "udp",
        "receive",
        "net",
        "netif_receive_skb",
        rcv_args!("udp"),
    ),
    probe(
        "tcp",
        "send",
        "net",
        "net_dev_queue",
        l4_args!(skb!(), tx_ip!(), "tx", "tcp"),
    ),
    probe(
        "tcp",
        "receive",
        "net",
        "netif_receive_skb",
        rcv_args!("tcp"),
    ),
    probe(
        "tcp",
        "accept-refused",
        "tcp",
        "tcp_send_reset",
        l4_args!("((struct sk_buff *)arg1)", rst_ip!(), "rx", "tcp"),
    ),
    probe(
        "tcp",
        "connect-refused",
        "tcp",
        "tcp_receive_reset",
        &[
            ("xlate <pktinfo_t *> ((struct sock *)arg0)", "pktinfo_t *"),
            ("xlate <csinfo_t *> ((struct sock *)arg0)", "csinfo_t *"),
            (
                "xlate <ipinfo_t *> ((struct inet_sock *)arg0)",
                "ipinfo_t *",
            ),
            (
                "xlate <tcpsinfo_t *> ((struct __dtrace_tcp_sk *)arg0)",
                "tcpsinfo_t *",
            ),
            (
                "xlate <tcpinfo_t *> ((struct inet_sock *)arg0)",
                "tcpinfo_t *",
            ),
        ],
    ),
];

/// An IPv4 or IPv6 packet (`skb->protocol`, network order, is ETH_P_IP or ETH_P_IPV6).
macro_rules! is_ip {
    () => {
        concat!(
            "(ntohs(",
            skb!(),
            "->protocol) == 0x800 || ntohs(",
            skb!(),
            "->protocol) == 0x86dd)"
        )
    };
}

/// An IP packet whose header `$ip` is followed by a header of protocol `$p`: for IPv4, not a
/// fragment after the first.
macro_rules! carries {
    ($ip:expr, $p:literal) => {
        concat!(
            "((ntohs(",
            skb!(),
            "->protocol) == 0x800 && ((struct iphdr *)",
            $ip,
            ")->protocol == ",
            $p,
            " && (ntohs(((struct iphdr *)",
            $ip,
            ")->frag_off) & 0x1fff) == 0) || (ntohs(",
            skb!(),
            "->protocol) == 0x86dd && ((struct ipv6hdr *)",
            $ip,
            ")->nexthdr == ",
            $p,
            "))"
        )
    };
}

/// The protocol (IPPROTO_TCP or IPPROTO_UDP) of a receive probe whose socket its stub looks up
/// as `arg1`.
pub fn receive_protocol(p: &Stable) -> Option<u8> {
    match (p.provider, p.name, p.event) {
        ("tcp", "receive", "netif_receive_skb") => Some(6),
        ("udp", "receive", "netif_receive_skb") => Some(17),
        _ => None,
    }
}

/// The guard of the per-packet probe `provider:::name`, if it is one.
pub fn guard(provider: &str, name: &str) -> Option<&'static str> {
    Some(match (provider, name) {
        ("ip", "send" | "receive") => is_ip!(),
        ("udp", "send") => carries!(tx_ip!(), "17"),
        ("udp", "receive") => carries!(rx_ip!(), "17"),
        ("tcp", "send") => carries!(tx_ip!(), "6"),
        ("tcp", "receive") => carries!(rx_ip!(), "6"),
        // A reset answering a received SYN without ACK (flags & (SYN|RST|ACK) == SYN).
        ("tcp", "accept-refused") => concat!(
            "arg1 != 0 && (*((uint8_t *)",
            th!(rst_ip!()),
            " + 13) & 0x16) == 0x02"
        ),
        // TCP_SYN_SENT (2).
        ("tcp", "connect-refused") => {
            "((struct sock *)arg0)->sk_protocol == 6 && \
             ((struct sock *)arg0)->__sk_common.skc_state == 2"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_probe_is_guarded() {
        for p in PROBES {
            assert!(
                guard(p.provider, p.name).is_some(),
                "{}:::{}",
                p.provider,
                p.name
            );
        }
        assert_eq!(guard("tcp", "state-change"), None);
    }

    #[test]
    fn argument_types_are_oracles() {
        let ip = PROBES.iter().find(|p| p.provider == "ip").unwrap();
        let types: Vec<&str> = ip.args.iter().map(|a| a.1).collect();
        assert_eq!(
            types,
            [
                "pktinfo_t *",
                "csinfo_t *",
                "ipinfo_t *",
                "ifinfo_t *",
                "ipv4info_t *",
                "ipv6info_t *"
            ]
        );
        let rcv = PROBES
            .iter()
            .find(|p| p.provider == "tcp" && p.name == "receive")
            .unwrap();
        let types: Vec<&str> = rcv.args.iter().map(|a| a.1).collect();
        assert_eq!(
            types,
            [
                "pktinfo_t *",
                "csinfo_t *",
                "ipinfo_t *",
                "tcpsinfo_t *",
                "tcpinfo_t *"
            ]
        );
        let udp = PROBES.iter().find(|p| p.provider == "udp").unwrap();
        assert_eq!(udp.args[3].1, "udpsinfo_t *");
        assert_eq!(udp.args[4].1, "udpinfo_t *");
        assert!(udp.args[3].0.contains("__dtrace_ip_tx"));
    }

    #[test]
    fn only_tcp_and_udp_receive_look_their_socket_up() {
        let proto = |prov: &str, name: &str| {
            PROBES
                .iter()
                .find(|p| p.provider == prov && p.name == name)
                .and_then(receive_protocol)
        };
        assert_eq!(proto("tcp", "receive"), Some(6));
        assert_eq!(proto("udp", "receive"), Some(17));
        for (prov, name) in [("ip", "receive"), ("tcp", "send"), ("tcp", "accept-refused")] {
            assert_eq!(proto(prov, name), None, "{}:::{}", prov, name);
        }
        // Their translations read the socket the stub stores as arg1.
        for p in PROBES.iter().filter(|p| receive_protocol(p).is_some()) {
            assert!(p.args[1].0.contains("arg1"), "{}", p.provider);
            assert!(p.args[3].0.contains("__dtrace_ip_rcv"), "{}", p.provider);
        }
    }
}
