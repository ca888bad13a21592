//! The socket table: how `tcp:::receive` and `udp:::receive` name the socket a packet is for.
//!
//! Those probes fire on `net:netif_receive_skb`, before the kernel matches the packet to a
//! socket, and this kernel has no kprobes to fire later. So the session keeps its own table,
//! a BPF LRU hash map (`MapRef::SockTab`) from a connection's family, protocol, local and
//! remote addresses and ports to its `struct sock *`, filled by hidden programs on raw
//! tracepoints where the kernel names the socket (those TCP's receive needs, those UDP's):
//! - `sock:inet_sock_set_state (sk, old, new)`: each TCP socket is remembered under its
//!   addresses and ports at every transition, and forgotten when it becomes CLOSED (before
//!   the kernel unhashes and frees it); a listener is keyed with its wildcard remote end;
//! - `net:net_dev_queue (skb)`: the socket sending a TCP segment or UDP datagram
//!   (`skb->sk`), which keys a connecting socket once `connect()` has picked its local port
//!   (its SYN), a request socket and its listener (the SYN-ACK) and UDP sockets (which have
//!   no states);
//! - `sock:sk_data_ready (sk)`: a UDP socket a datagram was queued to, so that one that only
//!   receives is known from its second datagram on (optional: Linux 6.6 added it).
//!
//! The stub of a receive probe looks the packet up (`bpf/socktab.c`, `dt_sock_lookup`) and
//! stores the socket, or 0, as `arg1`, which the receive translators of `dlib/tcp.d` and
//! `udp.d` read, as Oracle's `arg1` of these probes is the socket. The table and its programs
//! exist only when an enabled receive probe has a clause reading `arg1` (through
//! `tcpsinfo_t`, `udpsinfo_t` or `csinfo_t`): they cost a map lookup per packet sent, per
//! TCP state change and (UDP) per datagram queued, up to four per packet received, and go
//! away with the session like every other map and program.
//!
//! An entry may outlive its socket (a UDP socket, which has no state change to say it closed;
//! a request socket whose handshake never completed): a lookup checks the socket it finds
//! against the packet's ports, and its state (TCP) or its `SOCK_DEAD` flag (UDP), through
//! `bpf_probe_read_kernel()`, and drops a stale entry. When the table is full the least
//! recently used entries make room.
//!
//! What the table cannot know: a socket that has neither sent nor changed state nor (UDP)
//! received since tracing began (a connection established before and quiet since; the
//! first connection request to a listener from before; a UDP socket's first datagram when
//! it has not sent), several sockets bound to one port and
//! address (`SO_REUSEPORT`: the last one seen is named), and a listener whose port
//! `listen()` chose (no `bind()`): its LISTEN transition comes before the port is set, so
//! connection requests to it find no socket.

use super::emit::{Emitter, Reloc};
use super::insn::*;
use super::link::LinkError;
use super::MapRef;
use crate::btf::Btf;

/// `struct dt_sock_key` of bpf/socktab.c.
pub const KEY_SIZE: u32 = 40;
/// How many sockets the table holds; beyond that the least recently used make room.
pub const MAX_SOCKETS: u32 = 1 << 16;
/// `NO_FIELD` of bpf/socktab.c: a member this kernel lacks (IPv6 addresses without IPv6).
const NO_FIELD: u16 = 0xffff;
/// Where a program stores the layout in its stack frame (40 bytes).
const LAYOUT_SLOT: i16 = -56;
/// The words of the layout: the members' offsets, then where `skc_ipv6only` is (its byte and
/// bit), the offset of `request_sock.rsk_listener`, and one unused.
const WORDS: usize = 20;

/// The members `struct dt_sock_layout` holds the offsets of, in its order, and whether the
/// table works without them.
const MEMBERS: [(&str, &str, bool); 16] = [
    ("sk_buff", "sk", true),
    ("sk_buff", "head", true),
    ("sk_buff", "data", true),
    ("sk_buff", "network_header", true),
    ("sk_buff", "protocol", true),
    ("sock_common", "skc_daddr", true),
    ("sock_common", "skc_rcv_saddr", true),
    ("sock_common", "skc_dport", true),
    ("sock_common", "skc_num", true),
    ("sock_common", "skc_family", true),
    ("sock_common", "skc_state", true),
    ("sock_common", "skc_v6_daddr", false),
    ("sock_common", "skc_v6_rcv_saddr", false),
    ("sock", "sk_protocol", true),
    ("sock", "sk_type", true),
    ("sock", "sk_flags", true),
];

/// The kernel's offsets the routines of bpf/socktab.c read structures with
/// (`struct dt_sock_layout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    words: [u16; WORDS],
}

impl Layout {
    /// From the running kernel's BTF; `None` without BTF or when a member the table needs is
    /// missing or a bit-field.
    pub fn from_vmlinux() -> Option<Layout> {
        let btf = Btf::load_vmlinux().ok()?;
        Layout::from_members(|s, m| {
            let id = btf.find_struct(s)?;
            // Linux 6.x moved sk_flags into struct sock_common, which begins struct sock;
            // rsk_listener is a name for sock_common's skc_listener.
            let mem = btf.member(id, m).or_else(|| match m {
                "sk_flags" => btf.member(btf.find_struct("sock_common")?, "skc_flags"),
                "rsk_listener" => btf.member(btf.find_struct("sock_common")?, "skc_listener"),
                _ => None,
            })?;
            Some((mem.bit_offset, mem.bitfield_size))
        })
    }

    /// From `offset(struct, member)`: the member's offset in bits and its size if it is a
    /// bit-field (0 if not).
    pub fn from_members(offset: impl Fn(&str, &str) -> Option<(u32, u8)>) -> Option<Layout> {
        let mut words = [NO_FIELD; WORDS];
        for (w, (s, m, needed)) in words.iter_mut().zip(MEMBERS) {
            match offset(s, m) {
                Some((bits, 0)) if bits % 8 == 0 && bits / 8 < NO_FIELD as u32 => {
                    *w = (bits / 8) as u16
                }
                _ if needed => return None,
                _ => {}
            }
        }
        // An IPv6 socket's IPV6_V6ONLY (a one-bit field; bits count from the low bit of each
        // byte on a little-endian machine).
        if cfg!(target_endian = "little") {
            if let Some((bits, 1)) = offset("sock_common", "skc_ipv6only") {
                if bits / 8 < NO_FIELD as u32 {
                    words[16] = (bits / 8) as u16;
                    words[17] = (bits % 8) as u16;
                }
            }
        }
        // A request socket's listener, remembered when the request socket sends its SYN-ACK:
        // a listener from before tracing began is known from its second connection on.
        if let Some((bits, 0)) = offset("request_sock", "rsk_listener") {
            if bits % 8 == 0 && bits / 8 < NO_FIELD as u32 {
                words[18] = (bits / 8) as u16;
            }
        }
        Some(Layout { words })
    }

    /// The layout as the 64-bit words a program stores on its stack.
    fn qwords(&self) -> [u64; WORDS / 4] {
        let mut q = [0u64; WORDS / 4];
        for (i, w) in self.words.iter().enumerate() {
            q[i / 4] |= (*w as u64) << (16 * (i % 4));
        }
        q
    }
}

/// Store the layout at `LAYOUT_SLOT` and point R3 at it. Clobbers R1.
fn emit_layout(e: &mut Emitter, l: &Layout) {
    for (i, q) in l.qwords().iter().enumerate() {
        e.mov_imm(R1, *q as i64);
        e.emit(Insn::stx(BPF_DW, FP, LAYOUT_SLOT + 8 * i as i16, R1));
    }
    e.emit(Insn::mov64_reg(R3, FP));
    e.emit(Insn::alu64_imm(BPF_ADD, R3, LAYOUT_SLOT as i32));
}

/// R0 = the socket the packet of a raw tracepoint on `netif_receive_skb` (its context in R9)
/// is for, or 0, for protocol `proto` (6 or 17). Clobbers R1-R5; R6-R9 are kept.
pub fn emit_lookup(e: &mut Emitter, l: &Layout, proto: u8) {
    emit_layout(e, l);
    e.emit(Insn::ldx(BPF_DW, R1, R9, 0));
    e.ld_map(R2, MapRef::SockTab);
    e.mov_imm(R4, proto as i64);
    e.call_routine("dt_sock_lookup");
}

/// A program that keeps the table: the raw tracepoint it is attached to, and its code.
pub struct Keeper {
    pub event: &'static str,
    /// A kernel without this tracepoint (`sk_data_ready` is Linux 6.6's) keeps the table
    /// without it.
    pub optional: bool,
    pub insns: Vec<Insn>,
    pub relocs: Vec<Reloc>,
}

/// The raw tracepoints keeping the table and their routines: TCP sockets (`tcp`), UDP
/// sockets (`udp`), both.
const KEEPERS: [(&str, &str, bool, bool); 3] = [
    ("inet_sock_set_state", "dt_sock_state_change", true, false),
    ("net_dev_queue", "dt_sock_sent", true, true),
    ("sk_data_ready", "dt_sock_ready", false, true),
];

/// The programs keeping the table for the receive probes of TCP (`tcp`) and of UDP (`udp`),
/// linked.
pub fn keepers(l: &Layout, tcp: bool, udp: bool) -> Result<Vec<Keeper>, LinkError> {
    KEEPERS
        .into_iter()
        .filter(|k| (tcp && k.2) || (udp && k.3))
        .map(|(event, routine, _, _)| {
            let mut e = Emitter::new();
            e.emit(Insn::mov64_reg(R6, R1));
            emit_layout(&mut e, l);
            e.emit(Insn::mov64_reg(R1, R6));
            e.ld_map(R2, MapRef::SockTab);
            e.call_routine(routine);
            e.emit(Insn::mov64_imm(R0, 0));
            e.emit(Insn::exit());
            let calls = std::mem::take(&mut e.routine_calls);
            let (mut insns, relocs) = e.finish();
            super::link::link(&mut insns, &calls)?;
            Ok(Keeper {
                event,
                optional: event == "sk_data_ready",
                insns,
                relocs,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Member i at byte 8 * i + 1; skc_ipv6only bit 5 of byte 300, rsk_listener at 16.
    fn fake(s: &str, m: &str) -> Option<(u32, u8)> {
        match m {
            "skc_ipv6only" => return Some((300 * 8 + 5, 1)),
            "rsk_listener" => return Some((16 * 8, 0)),
            _ => {}
        }
        let i = MEMBERS.iter().position(|x| x.0 == s && x.1 == m)?;
        Some((8 * (8 * i as u32 + 1), 0))
    }

    #[test]
    fn layout_words_are_the_c_structs_order() {
        let l = Layout::from_members(fake).unwrap();
        let q = l.qwords();
        // skb_sk (1), skb_head (9), skb_data (17), skb_network_header (25).
        assert_eq!(q[0], 1 | 9 << 16 | 17 << 32 | 25 << 48);
        assert_eq!(q[3] >> 48, 8 * 15 + 1);
        assert_eq!(q[4], 300 | 5 << 16 | 16 << 32 | (NO_FIELD as u64) << 48);
    }

    #[test]
    fn ipv6_members_are_optional_the_others_not() {
        let no_v6 = Layout::from_members(|s, m| {
            if m.starts_with("skc_v6") {
                None
            } else {
                fake(s, m)
            }
        })
        .unwrap();
        assert_eq!(no_v6.words[11], NO_FIELD);
        assert_eq!(no_v6.words[12], NO_FIELD);
        assert!(
            Layout::from_members(|s, m| if m == "sk_type" { None } else { fake(s, m) }).is_none()
        );
        // A bit-field cannot be read as a whole u16.
        assert!(Layout::from_members(|s, m| {
            fake(s, m).map(|(o, b)| (o, if m == "sk_protocol" { 16 } else { b }))
        })
        .is_none());
        assert!(Layout::from_members(|_, _| Some((8 * 70000, 0))).is_none());
        // Without skc_ipv6only, the IPv4 fallback to IPv6 listeners is not checked.
        let no_v6only = Layout::from_members(|s, m| {
            if m == "skc_ipv6only" {
                None
            } else {
                fake(s, m)
            }
        })
        .unwrap();
        assert_eq!(no_v6only.words[16], NO_FIELD);
    }

    #[test]
    fn a_receive_stub_stores_the_socket_as_arg1() {
        use crate::codegen::mstate;
        use crate::codegen::stub::{generate, ArgSource, StubSpec};
        let spec = |sock_lookup| StubSpec {
            probe_id: 7,
            slot: 1,
            args: ArgSource::RawTracepoint { nargs: 1 },
            ignore_stop: false,
            args_used: 0b11,
            errno_used: false,
            dtrace_call: None,
            sock_lookup,
            only_cpu: None,
        };
        let l = Layout::from_members(fake).unwrap();
        let (plain, plain_relocs) = generate(&spec(None)).unwrap();
        let (insns, relocs) = generate(&spec(Some((l, 6)))).unwrap();
        assert!(!plain_relocs.iter().any(|r| r.map == MapRef::SockTab));
        assert_eq!(
            relocs.iter().filter(|r| r.map == MapRef::SockTab).count(),
            1
        );
        let arg1 = mstate::ARGS + 8;
        let stores_r0 = |v: &[Insn]| {
            v.iter()
                .any(|i| i.code == BPF_STX | BPF_MEM | BPF_DW && i.off == arg1 && i.src() == R0)
        };
        assert!(stores_r0(&insns));
        assert!(!stores_r0(&plain));
        // dt_sock_lookup is linked in after the stub's exit.
        assert!(insns.len() > plain.len() + 50);
    }

    #[test]
    fn this_kernel_has_the_members() {
        if !std::path::Path::new("/sys/kernel/btf/vmlinux").exists() {
            return; // no BTF on this machine
        }
        let btf = Btf::load_vmlinux().unwrap();
        let l = Layout::from_vmlinux().expect("layout");
        // struct sock begins with its struct sock_common: skc_daddr is its first member.
        assert_eq!(l.words[5], 0);
        assert_ne!(l.words[16], NO_FIELD, "skc_ipv6only");
        assert_ne!(l.words[18], NO_FIELD, "rsk_listener");
        let sock = btf.find_struct("sock").unwrap();
        let protocol = btf.member(sock, "sk_protocol").unwrap();
        assert_eq!(l.words[13] as u32, protocol.byte_offset());
    }

    #[test]
    fn keepers_link_their_routines() {
        let l = Layout::from_members(fake).unwrap();
        let events = |tcp, udp| -> Vec<&str> {
            keepers(&l, tcp, udp)
                .unwrap()
                .iter()
                .map(|k| k.event)
                .collect()
        };
        assert_eq!(
            events(true, false),
            ["inet_sock_set_state", "net_dev_queue"]
        );
        assert_eq!(events(false, true), ["net_dev_queue", "sk_data_ready"]);
        assert_eq!(events(true, true).len(), 3);
        let k = keepers(&l, true, true).unwrap();
        for p in &k {
            assert_eq!(p.relocs.len(), 1);
            assert!(p.relocs.iter().all(|r| r.map == MapRef::SockTab));
            // The routine is appended after the program's exit.
            assert!(p.insns.len() > 20);
        }
    }
}
