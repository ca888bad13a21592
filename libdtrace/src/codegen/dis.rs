//! The BPF disassembler behind `dtrace -S` (DTRACE_C_DIFV): listings of clause and probe
//! programs in Oracle Linux DTrace's textual syntax (libdtrace/dt_dis.c), written to stderr
//! before tracing starts.
//!
//! Each line is `INS OFF: code dst src off imm` in hex, then the instruction: Oracle's mnemonics
//! (ALU and ALU64 share theirs: `add`, `mov`, ...; loads `ldb ldh ldw lddw`, stores `stb sth stw
//! stdw`, branches with their target as a `! -> NNN` comment at column 30), `%r0`..`%r9` and
//! `%fp`. Calls name the kernel helper (`call bpf_map_lookup_elem`) or, for a BPF-to-BPF call,
//! the runtime routine it reaches; a 64-bit load of a map is followed by the map's name.
//!
//! Differences from Oracle, because our programs differ: no variable names on loads and stores
//! (Oracle recognises its own DCTX access sequences; our variables live at offsets of map
//! values), no spill/restore comments (we have no register spill area), and mnemonics for
//! instructions Oracle never emits and so has no name for: `movsb/movsh/movsw` (sign-extending
//! moves), `ldsb/ldsh/ldsw` (sign-extending loads), `sdiv/smod`, `bswap`, atomics other than
//! `xadd` (`xand xor xxor`, fetching `fadd fand for fxor`, `xchg`, `cmpxchg`) and calls of
//! kernel functions (`call kfunc#N`).

use std::collections::HashMap;
use std::fmt::Write;

use super::insn::*;

/// Column at which comments start (Oracle's DT_DIS_INSTR_LEN).
const COMMENT_COL: usize = 30;

/// `src_reg` of a call to a BPF function of the same program.
const PSEUDO_CALL: u8 = 1;
/// `src_reg` of a call to a kernel function (kfunc) by BTF ID.
const PSEUDO_KFUNC_CALL: u8 = 2;
/// `src_reg` of a 64-bit load of a BPF function's address.
const PSEUDO_FUNC: u8 = 4;
/// Mode of sign-extending loads.
const BPF_MEMSX: u8 = 0x80;
/// ALU byte swap (`BPF_END`); with `BPF_X` (`BPF_TO_BE`) to big endian.
const BPF_END: u8 = 0xd0;
/// Atomic operations' `imm` flag: the old value is returned in `src`.
const BPF_FETCH: i32 = 0x01;
const BPF_XCHG: i32 = 0xe0 | BPF_FETCH;
const BPF_CMPXCHG: i32 = 0xf0 | BPF_FETCH;

/// Kernel helper names by number (`__BPF_FUNC_MAPPER` with the `bpf_` prefix Oracle prints).
const HELPERS: &[&str] = &[
    "bpf_unspec",
    "bpf_map_lookup_elem",
    "bpf_map_update_elem",
    "bpf_map_delete_elem",
    "bpf_probe_read",
    "bpf_ktime_get_ns",
    "bpf_trace_printk",
    "bpf_get_prandom_u32",
    "bpf_get_smp_processor_id",
    "bpf_skb_store_bytes",
    "bpf_l3_csum_replace",
    "bpf_l4_csum_replace",
    "bpf_tail_call",
    "bpf_clone_redirect",
    "bpf_get_current_pid_tgid",
    "bpf_get_current_uid_gid",
    "bpf_get_current_comm",
    "bpf_get_cgroup_classid",
    "bpf_skb_vlan_push",
    "bpf_skb_vlan_pop",
    "bpf_skb_get_tunnel_key",
    "bpf_skb_set_tunnel_key",
    "bpf_perf_event_read",
    "bpf_redirect",
    "bpf_get_route_realm",
    "bpf_perf_event_output",
    "bpf_skb_load_bytes",
    "bpf_get_stackid",
    "bpf_csum_diff",
    "bpf_skb_get_tunnel_opt",
    "bpf_skb_set_tunnel_opt",
    "bpf_skb_change_proto",
    "bpf_skb_change_type",
    "bpf_skb_under_cgroup",
    "bpf_get_hash_recalc",
    "bpf_get_current_task",
    "bpf_probe_write_user",
    "bpf_current_task_under_cgroup",
    "bpf_skb_change_tail",
    "bpf_skb_pull_data",
    "bpf_csum_update",
    "bpf_set_hash_invalid",
    "bpf_get_numa_node_id",
    "bpf_skb_change_head",
    "bpf_xdp_adjust_head",
    "bpf_probe_read_str",
    "bpf_get_socket_cookie",
    "bpf_get_socket_uid",
    "bpf_set_hash",
    "bpf_setsockopt",
    "bpf_skb_adjust_room",
    "bpf_redirect_map",
    "bpf_sk_redirect_map",
    "bpf_sock_map_update",
    "bpf_xdp_adjust_meta",
    "bpf_perf_event_read_value",
    "bpf_perf_prog_read_value",
    "bpf_getsockopt",
    "bpf_override_return",
    "bpf_sock_ops_cb_flags_set",
    "bpf_msg_redirect_map",
    "bpf_msg_apply_bytes",
    "bpf_msg_cork_bytes",
    "bpf_msg_pull_data",
    "bpf_bind",
    "bpf_xdp_adjust_tail",
    "bpf_skb_get_xfrm_state",
    "bpf_get_stack",
    "bpf_skb_load_bytes_relative",
    "bpf_fib_lookup",
    "bpf_sock_hash_update",
    "bpf_msg_redirect_hash",
    "bpf_sk_redirect_hash",
    "bpf_lwt_push_encap",
    "bpf_lwt_seg6_store_bytes",
    "bpf_lwt_seg6_adjust_srh",
    "bpf_lwt_seg6_action",
    "bpf_rc_repeat",
    "bpf_rc_keydown",
    "bpf_skb_cgroup_id",
    "bpf_get_current_cgroup_id",
    "bpf_get_local_storage",
    "bpf_sk_select_reuseport",
    "bpf_skb_ancestor_cgroup_id",
    "bpf_sk_lookup_tcp",
    "bpf_sk_lookup_udp",
    "bpf_sk_release",
    "bpf_map_push_elem",
    "bpf_map_pop_elem",
    "bpf_map_peek_elem",
    "bpf_msg_push_data",
    "bpf_msg_pop_data",
    "bpf_rc_pointer_rel",
    "bpf_spin_lock",
    "bpf_spin_unlock",
    "bpf_sk_fullsock",
    "bpf_tcp_sock",
    "bpf_skb_ecn_set_ce",
    "bpf_get_listener_sock",
    "bpf_skc_lookup_tcp",
    "bpf_tcp_check_syncookie",
    "bpf_sysctl_get_name",
    "bpf_sysctl_get_current_value",
    "bpf_sysctl_get_new_value",
    "bpf_sysctl_set_new_value",
    "bpf_strtol",
    "bpf_strtoul",
    "bpf_sk_storage_get",
    "bpf_sk_storage_delete",
    "bpf_send_signal",
    "bpf_tcp_gen_syncookie",
    "bpf_skb_output",
    "bpf_probe_read_user",
    "bpf_probe_read_kernel",
    "bpf_probe_read_user_str",
    "bpf_probe_read_kernel_str",
    "bpf_tcp_send_ack",
    "bpf_send_signal_thread",
    "bpf_jiffies64",
    "bpf_read_branch_records",
    "bpf_get_ns_current_pid_tgid",
    "bpf_xdp_output",
    "bpf_get_netns_cookie",
    "bpf_get_current_ancestor_cgroup_id",
    "bpf_sk_assign",
    "bpf_ktime_get_boot_ns",
    "bpf_seq_printf",
    "bpf_seq_write",
    "bpf_sk_cgroup_id",
    "bpf_sk_ancestor_cgroup_id",
    "bpf_ringbuf_output",
    "bpf_ringbuf_reserve",
    "bpf_ringbuf_submit",
    "bpf_ringbuf_discard",
    "bpf_ringbuf_query",
    "bpf_csum_level",
    "bpf_skc_to_tcp6_sock",
    "bpf_skc_to_tcp_sock",
    "bpf_skc_to_tcp_timewait_sock",
    "bpf_skc_to_tcp_request_sock",
    "bpf_skc_to_udp6_sock",
    "bpf_get_task_stack",
    "bpf_load_hdr_opt",
    "bpf_store_hdr_opt",
    "bpf_reserve_hdr_opt",
    "bpf_inode_storage_get",
    "bpf_inode_storage_delete",
    "bpf_d_path",
    "bpf_copy_from_user",
    "bpf_snprintf_btf",
    "bpf_seq_printf_btf",
    "bpf_skb_cgroup_classid",
    "bpf_redirect_neigh",
    "bpf_per_cpu_ptr",
    "bpf_this_cpu_ptr",
    "bpf_redirect_peer",
    "bpf_task_storage_get",
    "bpf_task_storage_delete",
    "bpf_get_current_task_btf",
    "bpf_bprm_opts_set",
    "bpf_ktime_get_coarse_ns",
    "bpf_ima_inode_hash",
    "bpf_sock_from_file",
    "bpf_check_mtu",
    "bpf_for_each_map_elem",
    "bpf_snprintf",
    "bpf_sys_bpf",
    "bpf_btf_find_by_name_kind",
    "bpf_sys_close",
    "bpf_timer_init",
    "bpf_timer_set_callback",
    "bpf_timer_start",
    "bpf_timer_cancel",
    "bpf_get_func_ip",
    "bpf_get_attach_cookie",
    "bpf_task_pt_regs",
    "bpf_get_branch_snapshot",
    "bpf_trace_vprintk",
    "bpf_skc_to_unix_sock",
    "bpf_kallsyms_lookup_name",
    "bpf_find_vma",
    "bpf_loop",
    "bpf_strncmp",
    "bpf_get_func_arg",
    "bpf_get_func_ret",
    "bpf_get_func_arg_cnt",
    "bpf_get_retval",
    "bpf_set_retval",
    "bpf_xdp_get_buff_len",
    "bpf_xdp_load_bytes",
    "bpf_xdp_store_bytes",
    "bpf_copy_from_user_task",
    "bpf_skb_set_tstamp",
    "bpf_ima_file_hash",
    "bpf_kptr_xchg",
    "bpf_map_lookup_percpu_elem",
    "bpf_skc_to_mptcp_sock",
    "bpf_dynptr_from_mem",
    "bpf_ringbuf_reserve_dynptr",
    "bpf_ringbuf_submit_dynptr",
    "bpf_ringbuf_discard_dynptr",
    "bpf_dynptr_read",
    "bpf_dynptr_write",
    "bpf_dynptr_data",
    "bpf_tcp_raw_gen_syncookie_ipv4",
    "bpf_tcp_raw_gen_syncookie_ipv6",
    "bpf_tcp_raw_check_syncookie_ipv4",
    "bpf_tcp_raw_check_syncookie_ipv6",
    "bpf_ktime_get_tai_ns",
    "bpf_user_ringbuf_drain",
    "bpf_cgrp_storage_get",
    "bpf_cgrp_storage_delete",
];

/// The name of kernel helper `id`, as Oracle prints it in a call.
pub fn helper_name(id: i32) -> Option<&'static str> {
    usize::try_from(id)
        .ok()
        .and_then(|i| HELPERS.get(i))
        .copied()
}

/// What a listing can say about a program beyond its instructions.
#[derive(Debug, Default, Clone)]
pub struct Symbols {
    /// Relocated 64-bit loads (maps) by the index of their first slot: the name, and the value
    /// the relocation resolved to (`None`: not yet resolved).
    pub loads: HashMap<usize, (String, Option<u64>)>,
    /// BPF-to-BPF functions by the index of their first instruction.
    pub funcs: HashMap<usize, String>,
    /// What a 64-bit load refers to, by the index of its first slot, when more telling than
    /// the map's name: a string constant (`"text"`) or a variable, as Oracle's comments say.
    pub refs: HashMap<usize, String>,
}

/// A listing: `Disassembly of <kind> <desc>, <<ident>>:` then the instructions, the relocation
/// table when there are relocations, and a blank line (dt_dis_difo's layout).
pub fn listing(
    kind: &str,
    desc: Option<&str>,
    ident: Option<&str>,
    insns: &[Insn],
    syms: &Symbols,
) -> String {
    let mut s = String::new();
    let _ = match (desc, ident) {
        (Some(d), Some(i)) => writeln!(s, "\nDisassembly of {} {}, <{}>:", kind, d, i),
        (Some(d), None) => writeln!(s, "\nDisassembly of {} {}:", kind, d),
        (None, Some(i)) => writeln!(s, "\nDisassembly of {} <{}>:", kind, i),
        (None, None) => writeln!(s, "\nDisassembly of {}:", kind),
    };
    s.push_str(&disassemble(insns, syms));
    let mut relocs: Vec<_> = syms
        .loads
        .iter()
        .filter(|(&i, _)| i < insns.len())
        .collect();
    if !relocs.is_empty() {
        relocs.sort_by_key(|(&i, _)| i);
        let _ = writeln!(s, "\n{:<17} {:<8} {:<8} NAME", "BPF", "OFFSET", "VALUE");
        for (&i, (name, value)) in relocs {
            let v = value.map_or_else(|| "*UND*".to_string(), |v| v.to_string());
            let _ = writeln!(s, "{:<17} {:<8} {:<8} {}", "R_BPF_INSN_64", i * 8, v, name);
        }
    }
    s.push('\n');
    s
}

/// The column header and one line per instruction (two for a 64-bit load).
pub fn disassemble(insns: &[Insn], syms: &Symbols) -> String {
    let mut s = format!(
        "{:<4} {:<5}  {:<20}    {}\n",
        "INS", "OFF", "OPCODE", "INSTRUCTION"
    );
    let mut i = 0;
    while i < insns.len() {
        s.push_str(&prefix(i, &insns[i]));
        i += 1 + instruction(&mut s, insns, i, syms);
    }
    s
}

/// `INS OFF: code dst src off imm`, as dt_dis_prefix prints it.
fn prefix(i: usize, ins: &Insn) -> String {
    format!(
        "{:04} {:05}: {:02x} {:01x} {:01x} {:04x} {:08x}    ",
        i,
        i * 8,
        ins.code,
        ins.regs & 0x0f,
        ins.regs >> 4,
        ins.off as u16,
        ins.imm as u32
    )
}

fn reg(r: u8) -> String {
    match r {
        10 => "%fp".to_string(),
        r => format!("%r{}", r),
    }
}

/// Pad `text` to the comment column, then the comment (at least adjacent when text is longer).
fn comment(s: &mut String, text: &str, note: &str) {
    s.push_str(text);
    let pad = COMMENT_COL.saturating_sub(text.len());
    let _ = writeln!(s, "{:pad$}! {}", "", note, pad = pad);
}

fn target(i: usize, off: i64) -> String {
    format!("-> {:03}", i as i64 + 1 + off)
}

/// Print instruction `i` of `insns` into `s` (the prefix is already there); returns how many
/// further slots it used.
fn instruction(s: &mut String, insns: &[Insn], i: usize, syms: &Symbols) -> usize {
    let ins = insns[i];
    let (dst, src) = (ins.regs & 0x0f, ins.regs >> 4);
    let class = ins.code & 0x07;
    let line = |s: &mut String, text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    match class {
        BPF_ALU | BPF_ALU64 => {
            let op = ins.code & 0xf0;
            let x = ins.code & BPF_X != 0;
            if op == BPF_END {
                if class == BPF_ALU {
                    // Oracle prints the byte swaps as two-register operations.
                    let name = if x { "tobe" } else { "tole" };
                    line(s, format!("{:<4} {}, {}", name, reg(dst), reg(src)));
                } else {
                    line(s, format!("{:<4} {}, {}", "bswap", reg(dst), ins.imm));
                }
                return 0;
            }
            let name = match op {
                BPF_ADD => "add",
                BPF_SUB => "sub",
                BPF_MUL => "mul",
                BPF_DIV if ins.off == 1 => "sdiv",
                BPF_DIV => "div",
                BPF_OR => "or",
                BPF_AND => "and",
                BPF_LSH => "lsh",
                BPF_RSH => "rsh",
                BPF_NEG => "neg",
                BPF_MOD if ins.off == 1 => "smod",
                BPF_MOD => "mod",
                BPF_XOR => "xor",
                BPF_MOV if x && ins.off == 8 => "movsb",
                BPF_MOV if x && ins.off == 16 => "movsh",
                BPF_MOV if x && ins.off == 32 => "movsw",
                BPF_MOV => "mov",
                BPF_ARSH => "arsh",
                _ => return illegal(s),
            };
            if op == BPF_NEG {
                if x {
                    return illegal(s);
                }
                line(s, format!("{:<4} {}", name, reg(dst)));
            } else if x {
                line(s, format!("{:<4} {}, {}", name, reg(dst), reg(src)));
            } else {
                line(s, format!("{:<4} {}, {}", name, reg(dst), ins.imm));
            }
            0
        }
        BPF_JMP | BPF_JMP32 => jump(s, insns, i, syms),
        BPF_LDX => {
            let name = match (ins.code & 0xe0, ins.code & 0x18) {
                (BPF_MEM, BPF_B) => "ldb",
                (BPF_MEM, BPF_H) => "ldh",
                (BPF_MEM, BPF_W) => "ldw",
                (BPF_MEM, BPF_DW) => "lddw",
                (BPF_MEMSX, BPF_B) => "ldsb",
                (BPF_MEMSX, BPF_H) => "ldsh",
                (BPF_MEMSX, BPF_W) => "ldsw",
                _ => return illegal(s),
            };
            let text = format!("{:<4} {}, [{}{:+}]", name, reg(dst), reg(src), ins.off);
            line(s, text);
            0
        }
        BPF_ST | BPF_STX => {
            let size = store_size(ins.code);
            let mode = ins.code & 0xe0;
            if mode == BPF_MEM {
                let text = if class == BPF_STX {
                    format!("{:<4} [{}{:+}], {}", size, reg(dst), ins.off, reg(src))
                } else {
                    format!("{:<4} [{}{:+}], {}", size, reg(dst), ins.off, ins.imm)
                };
                line(s, text);
                return 0;
            }
            if class != BPF_STX || mode != BPF_ATOMIC || ins.code & 0x18 < BPF_W {
                return illegal(s);
            }
            let size = ins.code & 0x18;
            if size != BPF_W && size != BPF_DW {
                return illegal(s);
            }
            let name = match ins.imm {
                x if x == BPF_ADD as i32 => "xadd",
                x if x == BPF_AND as i32 => "xand",
                x if x == BPF_OR as i32 => "xor",
                x if x == BPF_XOR as i32 => "xxor",
                x if x == BPF_ADD as i32 | BPF_FETCH => "fadd",
                x if x == BPF_AND as i32 | BPF_FETCH => "fand",
                x if x == BPF_OR as i32 | BPF_FETCH => "for",
                x if x == BPF_XOR as i32 | BPF_FETCH => "fxor",
                BPF_XCHG => "xchg",
                BPF_CMPXCHG => "cmpxchg",
                _ => return illegal(s),
            };
            line(s, format!("{:<4} [{}{:+}], {}", name, reg(dst), ins.off, reg(src)));
            0
        }
        _ /* BPF_LD */ => {
            if ins.code != BPF_LD | BPF_IMM | BPF_DW {
                return illegal(s);
            }
            let Some(hi) = insns.get(i + 1) else {
                // A load cut in half: the verifier would refuse it; show what there is.
                return illegal(s);
            };
            let _ = writeln!(
                s,
                "{:<4} {}, 0x{:08x}{:08x}",
                "lddw",
                reg(dst),
                hi.imm as u32,
                ins.imm as u32
            );
            s.push_str(&prefix(i + 1, hi));
            let note = match (syms.refs.get(&i), syms.loads.get(&i)) {
                (Some(r), _) => Some(r.clone()),
                (None, Some((name, _))) => Some(name.clone()),
                (None, None) if src == PSEUDO_FUNC => {
                    syms.funcs.get(&((i as i64 + 1 + ins.imm as i64) as usize)).cloned()
                }
                (None, None) => None,
            };
            match note {
                Some(n) => {
                    let _ = writeln!(s, "{:w$}! {}", "", n, w = COMMENT_COL);
                }
                None => s.push('\n'),
            }
            1
        }
    }
}

fn store_size(code: u8) -> &'static str {
    match code & 0x18 {
        BPF_B => "stb",
        BPF_H => "sth",
        BPF_W => "stw",
        _ => "stdw",
    }
}

fn illegal(s: &mut String) -> usize {
    s.push_str("(illegal opcode)\n");
    0
}

fn jump(s: &mut String, insns: &[Insn], i: usize, syms: &Symbols) -> usize {
    let ins = insns[i];
    let (dst, src) = (ins.regs & 0x0f, ins.regs >> 4);
    let jmp32 = ins.code & 0x07 == BPF_JMP32;
    let op = ins.code & 0xf0;
    let x = ins.code & BPF_X != 0;
    match op {
        BPF_CALL if !jmp32 => {
            let text = match src {
                PSEUDO_CALL => {
                    let t = i as i64 + 1 + ins.imm as i64;
                    let name = usize::try_from(t).ok().and_then(|t| syms.funcs.get(&t));
                    match name {
                        Some(n) => format!("{:<4} {}", "call", n),
                        None => format!("{:<4} {}", "call", ins.imm),
                    }
                }
                PSEUDO_KFUNC_CALL => format!("{:<4} kfunc#{}", "call", ins.imm),
                _ => match helper_name(ins.imm) {
                    Some(n) => format!("{:<4} {}", "call", n),
                    None => {
                        comment(
                            s,
                            &format!("{:<4} helper#{}", "call", ins.imm),
                            "unknown helper",
                        );
                        return 0;
                    }
                },
            };
            s.push_str(&text);
            s.push('\n');
        }
        BPF_EXIT if !jmp32 => s.push_str("exit\n"),
        BPF_JA if !jmp32 => {
            if ins.off == 0 {
                s.push_str("nop\n");
            } else {
                let text = format!("{:<4} {}", "ja", ins.off);
                comment(s, &text, &target(i, ins.off as i64));
            }
        }
        _ => {
            let (name, signed) = match op {
                BPF_JEQ => ("jeq", false),
                BPF_JNE => ("jne", false),
                BPF_JGT => ("jgt", false),
                BPF_JLT => ("jlt", false),
                BPF_JGE => ("jge", false),
                BPF_JLE => ("jle", false),
                BPF_JSGT => ("jsgt", true),
                BPF_JSLT => ("jslt", true),
                BPF_JSGE => ("jsge", true),
                BPF_JSLE => ("jsle", true),
                BPF_JSET => ("jset", false),
                _ => return illegal(s),
            };
            let text = if x {
                format!("{:<4} {}, {}, {}", name, reg(dst), reg(src), ins.off)
            } else if signed {
                format!("{:<4} {}, {}, {}", name, reg(dst), ins.imm, ins.off)
            } else {
                format!("{:<4} {}, {}, {}", name, reg(dst), ins.imm as u32, ins.off)
            };
            comment(s, &text, &target(i, ins.off as i64));
        }
    }
    0
}

/// The BPF-to-BPF functions a linked program calls, named after the runtime routine whose
/// instructions start there (`link::routines`); `n` where none matches.
pub fn routine_symbols(
    insns: &[Insn],
    routines: &[super::link::RoutineDef],
) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    for (i, ins) in insns.iter().enumerate() {
        let is_call = ins.code == BPF_JMP | BPF_CALL && ins.regs >> 4 == PSEUDO_CALL;
        let is_ref = ins.code == BPF_LD | BPF_IMM | BPF_DW && ins.regs >> 4 == PSEUDO_FUNC;
        if !is_call && !is_ref {
            continue;
        }
        let Ok(t) = usize::try_from(i as i64 + 1 + ins.imm as i64) else {
            continue;
        };
        if t >= insns.len() || out.contains_key(&t) {
            continue;
        }
        let name = routines
            .iter()
            .find(|r| same_code(&insns[t..], r.insns))
            .map(|r| r.name.to_string());
        if let Some(n) = name {
            out.insert(t, n);
        }
    }
    out
}

/// Whether `at` starts with `routine`, ignoring the immediates the linker rewrote (calls and
/// function addresses).
fn same_code(at: &[Insn], routine: &[Insn]) -> bool {
    at.len() >= routine.len()
        && routine.iter().zip(at).all(|(r, a)| {
            let linked = (r.code == BPF_JMP | BPF_CALL && r.regs >> 4 == PSEUDO_CALL)
                || (r.code == BPF_LD | BPF_IMM | BPF_DW && r.regs >> 4 == PSEUDO_FUNC);
            r.code == a.code && r.regs == a.regs && r.off == a.off && (linked || r.imm == a.imm)
        })
}

/// Where a clause's own code ends and the routines appended by the link step begin: the first
/// function any call reaches (the link step places routines after the clause).
pub fn own_length(insns: &[Insn]) -> usize {
    insns
        .iter()
        .enumerate()
        .filter(|(_, ins)| {
            (ins.code == BPF_JMP | BPF_CALL && ins.regs >> 4 == PSEUDO_CALL)
                || (ins.code == BPF_LD | BPF_IMM | BPF_DW && ins.regs >> 4 == PSEUDO_FUNC)
        })
        .filter_map(|(i, ins)| usize::try_from(i as i64 + 1 + ins.imm as i64).ok())
        .filter(|&t| t < insns.len())
        .min()
        .unwrap_or(insns.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The instruction text of a one-instruction program (prefix and header stripped).
    fn one(ins: Insn) -> String {
        let out = disassemble(&[ins], &Symbols::default());
        let line = out.lines().nth(1).unwrap();
        line[prefix(0, &ins).len()..].to_string()
    }

    #[test]
    fn header_and_prefix_columns() {
        // dt_dis_difo: "%-4s %-5s  %-20s    %s"; dt_dis_prefix: "%04u %05u: %02hhx %01hhx
        // %01hhx %04hx %08x    ".
        let out = disassemble(
            &[Insn::raw(0x07, 1, 0, -8, -1), Insn::exit()],
            &Symbols::default(),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "INS  OFF    OPCODE                  INSTRUCTION");
        assert_eq!(lines[1], "0000 00000: 07 1 0 fff8 ffffffff    add  %r1, -1");
        assert_eq!(lines[2], "0001 00008: 95 0 0 0000 00000000    exit");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn alu_register_and_immediate_forms() {
        assert_eq!(one(Insn::mov64_reg(R6, R1)), "mov  %r6, %r1");
        assert_eq!(one(Insn::mov64_imm(R0, 0)), "mov  %r0, 0");
        assert_eq!(one(Insn::alu64_reg(BPF_SUB, R2, FP)), "sub  %r2, %fp");
        assert_eq!(one(Insn::alu64_imm(BPF_LSH, R3, 32)), "lsh  %r3, 32");
        assert_eq!(one(Insn::alu64_imm(BPF_ARSH, R3, 32)), "arsh %r3, 32");
        // 32-bit ALU: same mnemonics in Oracle's table.
        assert_eq!(one(Insn::alu32_imm(BPF_AND, R4, 255)), "and  %r4, 255");
        assert_eq!(
            one(Insn::raw(BPF_ALU | BPF_MOV | BPF_X, 1, 2, 0, 0)),
            "mov  %r1, %r2"
        );
        assert_eq!(one(Insn::raw(BPF_ALU64 | BPF_NEG, 5, 0, 0, 0)), "neg  %r5");
        assert_eq!(
            one(Insn::raw(BPF_ALU64 | BPF_MOD | BPF_X, 1, 2, 0, 0)),
            "mod  %r1, %r2"
        );
        assert_eq!(
            one(Insn::raw(BPF_ALU64 | BPF_DIV | BPF_X, 1, 2, 1, 0)),
            "sdiv %r1, %r2"
        );
        assert_eq!(one(Insn::raw(0xdc, 1, 0, 0, 16)), "tobe %r1, %r0");
        assert_eq!(one(Insn::raw(0xd4, 1, 0, 0, 32)), "tole %r1, %r0");
        assert_eq!(one(Insn::raw(0xd7, 1, 0, 0, 64)), "bswap %r1, 64");
        assert_eq!(one(Insn::movsx64(R1, R2, 32)), "movsw %r1, %r2");
        assert_eq!(one(Insn::movsx64(R1, R2, 8)), "movsb %r1, %r2");
    }

    #[test]
    fn loads_and_stores_of_every_size() {
        assert_eq!(one(Insn::ldx(BPF_B, R1, R2, 3)), "ldb  %r1, [%r2+3]");
        assert_eq!(one(Insn::ldx(BPF_H, R1, R2, 0)), "ldh  %r1, [%r2+0]");
        assert_eq!(one(Insn::ldx(BPF_W, R1, FP, -4)), "ldw  %r1, [%fp-4]");
        assert_eq!(one(Insn::ldx(BPF_DW, R0, R9, 16)), "lddw %r0, [%r9+16]");
        assert_eq!(one(Insn::raw(0x91, 1, 2, 1, 0)), "ldsb %r1, [%r2+1]");
        assert_eq!(one(Insn::stx(BPF_B, FP, -1, R3)), "stb  [%fp-1], %r3");
        assert_eq!(one(Insn::stx(BPF_H, R1, 2, R3)), "sth  [%r1+2], %r3");
        assert_eq!(one(Insn::stx(BPF_W, R1, 4, R3)), "stw  [%r1+4], %r3");
        assert_eq!(one(Insn::stx(BPF_DW, FP, -8, R3)), "stdw [%fp-8], %r3");
        assert_eq!(one(Insn::st(BPF_W, FP, -16, -7)), "stw  [%fp-16], -7");
        assert_eq!(one(Insn::st(BPF_DW, R6, 0, 0)), "stdw [%r6+0], 0");
        assert_eq!(one(Insn::st(BPF_B, R6, 1, 65)), "stb  [%r6+1], 65");
        assert_eq!(one(Insn::st(BPF_H, R6, 2, 9)), "sth  [%r6+2], 9");
    }

    #[test]
    fn atomics() {
        assert_eq!(
            one(Insn::atomic_add(BPF_DW, R1, 8, R2)),
            "xadd [%r1+8], %r2"
        );
        assert_eq!(one(Insn::atomic_add(BPF_W, R1, 0, R2)), "xadd [%r1+0], %r2");
        let fetch_or = Insn::raw(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, 0x41);
        assert_eq!(one(fetch_or), "for  [%r1+0], %r2");
        let xchg = Insn::raw(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, 0xe1);
        assert_eq!(one(xchg), "xchg [%r1+0], %r2");
        let cmpxchg = Insn::raw(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, -4, 0xf1);
        assert_eq!(one(cmpxchg), "cmpxchg [%r1-4], %r2");
        // No atomic byte operations exist.
        let bad = Insn::raw(BPF_STX | BPF_ATOMIC | BPF_B, 1, 2, 0, 0);
        assert_eq!(one(bad), "(illegal opcode)");
    }

    #[test]
    fn branches_show_their_target_at_column_30() {
        // jeq %r1, %r2, 3 at 0 goes to 0 + 1 + 3.
        let t = one(Insn::jmp_reg(BPF_JEQ, R1, R2, 3));
        assert_eq!(t, format!("{:<30}! -> 004", "jeq  %r1, %r2, 3"));
        // Unsigned comparisons print the immediate as unsigned, signed ones as signed.
        let t = one(Insn::jmp_imm(BPF_JGT, R1, -1, -1));
        assert_eq!(t, format!("{:<30}! -> 000", "jgt  %r1, 4294967295, -1"));
        let t = one(Insn::jmp_imm(BPF_JSLT, R1, -1, 5));
        assert_eq!(t, format!("{:<30}! -> 006", "jslt %r1, -1, 5"));
        let t = one(Insn::raw(BPF_JMP32 | BPF_JNE | BPF_K, 0, 0, 2, 7));
        assert_eq!(t, format!("{:<30}! -> 003", "jne  %r0, 7, 2"));
        let t = one(Insn::raw(BPF_JMP | BPF_JSET | BPF_X, 3, 4, 1, 0));
        assert_eq!(t, format!("{:<30}! -> 002", "jset %r3, %r4, 1"));
        assert_eq!(one(Insn::ja(2)), format!("{:<30}! -> 003", "ja   2"));
        assert_eq!(one(Insn::ja(0)), "nop");
    }

    #[test]
    fn calls_name_helpers_routines_and_kfuncs() {
        assert_eq!(
            one(Insn::call(helper::MAP_LOOKUP_ELEM)),
            "call bpf_map_lookup_elem"
        );
        assert_eq!(one(Insn::call(helper::TAIL_CALL)), "call bpf_tail_call");
        assert_eq!(
            one(Insn::call(helper::RINGBUF_RESERVE)),
            "call bpf_ringbuf_reserve"
        );
        assert_eq!(
            one(Insn::call(helper::GET_CURRENT_PID_TGID)),
            "call bpf_get_current_pid_tgid"
        );
        assert_eq!(
            one(Insn::call(5000)),
            format!("{:<30}! unknown helper", "call helper#5000")
        );
        assert_eq!(one(Insn::raw(0x85, 0, 2, 0, 1234)), "call kfunc#1234");
        // A BPF-to-BPF call to instruction 0 + 1 + 1 = 2, named by the symbols, else by offset.
        let prog = [Insn::raw(0x85, 0, 1, 0, 1), Insn::exit(), Insn::exit()];
        let mut syms = Symbols::default();
        assert!(disassemble(&prog, &syms).contains("    call 1\n"));
        syms.funcs.insert(2, "dt_strlen".into());
        assert!(disassemble(&prog, &syms).contains("    call dt_strlen\n"));
    }

    #[test]
    fn ld_imm64_takes_two_lines_and_names_its_map() {
        let [lo, hi] = Insn::ld_map_fd(R1, 7);
        let mut syms = Symbols::default();
        syms.loads.insert(0, ("dt_aggs".into(), None));
        let out = disassemble(&[lo, hi, Insn::exit()], &syms);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[1],
            "0000 00000: 18 1 1 0000 00000007    lddw %r1, 0x0000000000000007"
        );
        assert_eq!(
            lines[2],
            format!("0001 00008: 00 0 0 0000 00000000    {:30}! dt_aggs", "")
        );
        assert_eq!(lines[3], "0002 00016: 95 0 0 0000 00000000    exit");
        let [lo, hi] = Insn::ld_imm64(R2, 0x1_0000_0002);
        let out = disassemble(&[lo, hi], &Symbols::default());
        assert!(out
            .contains("    lddw %r2, 0x0000000100000002\n0001 00008: 00 0 0 0000 00000001    \n"));
        // A reference says more than the map's name.
        let [lo, hi] = Insn::ld_map_value(R1, 0, 16);
        let mut syms = Symbols::default();
        syms.loads.insert(0, ("strtab".into(), None));
        syms.refs.insert(0, "\"hello\"".into());
        let out = disassemble(&[lo, hi], &syms);
        assert!(out.ends_with(&format!("00 0 0 0000 00000010    {:30}! \"hello\"\n", "")));
        // Half a load is not a panic.
        assert!(disassemble(&[lo], &Symbols::default()).ends_with("(illegal opcode)\n"));
    }

    #[test]
    fn listing_has_title_relocations_and_trailing_blank_line() {
        let [lo, hi] = Insn::ld_map_fd(R1, 0);
        let mut syms = Symbols::default();
        syms.loads.insert(0, ("dt_state".into(), None));
        let out = listing(
            "clause",
            Some("dtrace:::BEGIN"),
            Some("dt_clause_0"),
            &[lo, hi],
            &syms,
        );
        assert!(out.starts_with("\nDisassembly of clause dtrace:::BEGIN, <dt_clause_0>:\nINS "));
        assert!(out.contains("\nBPF               OFFSET   VALUE    NAME\n"));
        assert!(out.ends_with("R_BPF_INSN_64     0        *UND*    dt_state\n\n"));
        syms.loads.insert(0, ("dt_state".into(), Some(12)));
        let out = listing(
            "final program",
            Some("dtrace:::BEGIN"),
            None,
            &[lo, hi],
            &syms,
        );
        assert!(out.starts_with("\nDisassembly of final program dtrace:::BEGIN:\n"));
        assert!(out.ends_with("R_BPF_INSN_64     0        12       dt_state\n\n"));
    }

    #[test]
    fn unknown_opcodes_are_illegal() {
        assert_eq!(one(Insn::raw(0xff, 0, 0, 0, 0)), "(illegal opcode)");
        assert_eq!(one(Insn::raw(0x20, 0, 0, 0, 0)), "(illegal opcode)");
        assert_eq!(
            one(Insn::raw(BPF_ALU64 | BPF_NEG | BPF_X, 1, 0, 0, 0)),
            "(illegal opcode)"
        );
    }

    #[test]
    fn routines_are_found_by_their_code_and_clause_length_by_the_calls() {
        use crate::codegen::link::RoutineDef;
        static BODY: [Insn; 2] = [Insn::raw(0xb7, 0, 0, 0, 42), Insn::raw(0x95, 0, 0, 0, 0)];
        let table = [RoutineDef {
            name: "dt_answer",
            insns: &BODY,
            calls: &[],
            funcs: &[],
        }];
        // A clause of 3 instructions calling the routine placed at 3.
        let prog = vec![
            Insn::raw(0x85, 0, 1, 0, 2),
            Insn::mov64_imm(R0, 0),
            Insn::exit(),
            BODY[0],
            BODY[1],
        ];
        let f = routine_symbols(&prog, &table);
        assert_eq!(f.get(&3).map(String::as_str), Some("dt_answer"));
        assert_eq!(own_length(&prog), 3);
        assert_eq!(own_length(&prog[1..3]), 2);
    }
}
