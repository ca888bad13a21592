//! The `tcp` stable provider, built on `sock:inet_sock_set_state (sk, oldstate, newstate)`.
//!
//! Each probe is that raw tracepoint with a guard (see [`super::stable::guard`]): the socket
//! must be a TCP socket, and a probe defined by a transition fires only on it:
//! - `state-change`: every transition;
//! - `connect-request`: CLOSED → SYN_SENT, taken by `connect(2)` just before it sends the SYN
//!   (and before it picks the local port: `tcps_lport` and `tcp_sport` are 0 there);
//! - `connect-established`: SYN_SENT → ESTABLISHED, on receipt of the SYN-ACK;
//! - `accept-established`: SYN_RECEIVED → ESTABLISHED, on receipt of the handshake's last ACK.
//!
//! Arguments are DTrace's: `[0]` pktinfo_t, `[1]` csinfo_t, `[2]` ipinfo_t, `[3]` tcpsinfo_t,
//! `[4]` tcpinfo_t, and for `state-change` `[5]` tcplsinfo_t (the previous state) with `[0]`,
//! `[2]` and `[4]` NULL, as Oracle gives them. The translators are in `dlib/ip.d` and
//! `dlib/tcp.d`; the direction of the segment that caused a probe picks the cast
//! (`struct sock *` outbound, `struct inet_sock *` inbound) and so the translator.
//!
//! The per-packet probes (`send`, `receive`, `accept-refused`) and the `ip` and `udp`
//! providers are in `netpkt.rs`, which says why `connect-refused` is missing.

use super::stable::Stable;

const SK: &str = "xlate <csinfo_t *> ((struct sock *)arg0)";
const TCPS: &str = "xlate <tcpsinfo_t *> ((struct tcp_sock *)arg0)";

/// The arguments of a probe caused by a segment the socket sends.
const OUTBOUND: &[(&str, &str)] = &[
    ("xlate <pktinfo_t *> ((struct sock *)arg0)", "pktinfo_t *"),
    (SK, "csinfo_t *"),
    ("xlate <ipinfo_t *> ((struct sock *)arg0)", "ipinfo_t *"),
    (TCPS, "tcpsinfo_t *"),
    ("xlate <tcpinfo_t *> ((struct sock *)arg0)", "tcpinfo_t *"),
];

/// The arguments of a probe caused by a segment the socket receives.
const INBOUND: &[(&str, &str)] = &[
    ("xlate <pktinfo_t *> ((struct sock *)arg0)", "pktinfo_t *"),
    (SK, "csinfo_t *"),
    (
        "xlate <ipinfo_t *> ((struct inet_sock *)arg0)",
        "ipinfo_t *",
    ),
    (TCPS, "tcpsinfo_t *"),
    (
        "xlate <tcpinfo_t *> ((struct inet_sock *)arg0)",
        "tcpinfo_t *",
    ),
];

const fn tcp(name: &'static str, args: &'static [(&'static str, &'static str)]) -> Stable {
    Stable {
        provider: "tcp",
        name,
        event: "inet_sock_set_state",
        group: "sock",
        args,
    }
}

pub const PROBES: &[Stable] = &[
    tcp(
        "state-change",
        &[
            ("0", "void"),
            (SK, "csinfo_t *"),
            ("0", "void"),
            (TCPS, "tcpsinfo_t *"),
            ("0", "void"),
            ("xlate <tcplsinfo_t *> ((int)arg1)", "tcplsinfo_t *"),
        ],
    ),
    tcp("connect-request", OUTBOUND),
    tcp("connect-established", INBOUND),
    tcp("accept-established", INBOUND),
];

/// Only TCP sockets: `inet_sock_set_state` also reports DCCP, SCTP and MPTCP sockets.
const IS_TCP: &str = "((struct sock *)arg0)->sk_protocol == 6";

/// The guard of the `tcp` probe `name` (a D expression over the raw arguments).
pub fn guard(name: &str) -> Option<&'static str> {
    Some(match name {
        "state-change" => IS_TCP,
        // TCP_CLOSE (7) → TCP_SYN_SENT (2).
        "connect-request" => "((struct sock *)arg0)->sk_protocol == 6 && arg1 == 7 && arg2 == 2",
        // TCP_SYN_SENT (2) → TCP_ESTABLISHED (1).
        "connect-established" => {
            "((struct sock *)arg0)->sk_protocol == 6 && arg1 == 2 && arg2 == 1"
        }
        // TCP_SYN_RECV (3) → TCP_ESTABLISHED (1).
        "accept-established" => "((struct sock *)arg0)->sk_protocol == 6 && arg1 == 3 && arg2 == 1",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_probe_is_guarded_to_tcp_sockets() {
        for p in PROBES {
            let g = guard(p.name).expect("tcp probes share a tracepoint with other protocols");
            assert!(
                g.starts_with("((struct sock *)arg0)->sk_protocol == 6"),
                "{}",
                p.name
            );
        }
        assert_eq!(guard("send"), None);
    }

    #[test]
    fn state_change_has_six_arguments() {
        let sc = PROBES.iter().find(|p| p.name == "state-change").unwrap();
        assert_eq!(sc.args.len(), 6);
        assert_eq!(sc.args[5].1, "tcplsinfo_t *");
        for p in PROBES.iter().filter(|p| p.name != "state-change") {
            assert_eq!(p.args.len(), 5, "{}", p.name);
        }
    }
}
