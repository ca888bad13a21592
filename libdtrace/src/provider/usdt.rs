//! usdt probes: the static probes `sys/sdt.h` compiles into programs and libraries, found in
//! their `.note.stapsdt` notes and named `provider<pid>:module:function:name`.
//!
//! Each note gives the probe's address, the address of its semaphore (0 if none), the
//! address the link editor gave `.stapsdt.base` (to correct for prelinking), and an argument
//! string such as `-4@%eax 8@-16(%rbp) 4@$5`: one `size@operand` per argument, a negative size
//! meaning signed, the operand in AT&T syntax: a register, a constant, memory at a register
//! plus displacement, indexed memory (`-4(%rbp,%rax,8)`), or memory at a symbol relative to
//! %rip (`counter(%rip)`, read at the probe's run-time address plus the symbol's distance
//! from the probe, so that it holds wherever the object is loaded).

use object::read::elf::{ElfFile64, FileHeader, SectionHeader};
use object::{Object, ObjectSection, ObjectSymbol, SymbolKind};

use super::pid::{file_offset, ProcObject, Uprobe};
use super::{glob, DescPattern, ProbeKind};
use crate::handle::ProbeDesc;

/// Where one usdt argument lives when the probe fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgLoc {
    /// A register: its offset in x86-64 `struct pt_regs`.
    Reg(i16),
    /// Memory at register + displacement (in the traced process).
    Mem { reg: i16, disp: i32 },
    /// A constant.
    Imm(i64),
    /// Memory at base + index * scale + displacement (`-4(%rbp,%rax,8)`, `(,%rcx,4)`): the
    /// registers' offsets in `struct pt_regs`, no base when the operand has none.
    Indexed {
        base: Option<i16>,
        index: i16,
        scale: u8,
        disp: i32,
    },
    /// Memory at the probe's address + `disp`: a `sym(%rip)` operand, whose symbol lies
    /// `disp` bytes from the probe in the object wherever it is loaded.
    PcRel { disp: i32 },
}

/// One argument: its size in bytes, signedness and location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgSpec {
    pub size: u8,
    pub signed: bool,
    pub loc: ArgLoc,
}

/// Offset in x86-64 `struct pt_regs` of a register named in AT&T syntax (any width).
pub fn pt_regs_offset(reg: &str) -> Option<i16> {
    let idx = match reg {
        "r15" | "r15d" | "r15w" | "r15b" => 0,
        "r14" | "r14d" | "r14w" | "r14b" => 1,
        "r13" | "r13d" | "r13w" | "r13b" => 2,
        "r12" | "r12d" | "r12w" | "r12b" => 3,
        "rbp" | "ebp" | "bp" | "bpl" => 4,
        "rbx" | "ebx" | "bx" | "bl" | "bh" => 5,
        "r11" | "r11d" | "r11w" | "r11b" => 6,
        "r10" | "r10d" | "r10w" | "r10b" => 7,
        "r9" | "r9d" | "r9w" | "r9b" => 8,
        "r8" | "r8d" | "r8w" | "r8b" => 9,
        "rax" | "eax" | "ax" | "al" | "ah" => 10,
        "rcx" | "ecx" | "cx" | "cl" | "ch" => 11,
        "rdx" | "edx" | "dx" | "dl" | "dh" => 12,
        "rsi" | "esi" | "si" | "sil" => 13,
        "rdi" | "edi" | "di" | "dil" => 14,
        "rip" | "eip" => 16,
        "rsp" | "esp" | "sp" | "spl" => 19,
        _ => return None,
    };
    Some(idx * 8)
}

fn parse_int(s: &str) -> Option<i64> {
    let (neg, t) = match s.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()?
    } else {
        t.parse::<i64>().ok()?
    };
    Some(if neg { -v } else { v })
}

/// Parse one `size@operand` argument specification.
pub fn parse_arg(spec: &str) -> Option<ArgSpec> {
    let (size, op) = spec.split_once('@')?;
    let n: i32 = size.parse().ok()?;
    let signed = n < 0;
    let size = n.unsigned_abs();
    if !matches!(size, 1 | 2 | 4 | 8) {
        return None;
    }
    let loc = if let Some(r) = op.strip_prefix('%') {
        ArgLoc::Reg(pt_regs_offset(r)?)
    } else if let Some(imm) = op.strip_prefix('$') {
        ArgLoc::Imm(parse_int(imm)?)
    } else if let Some(open) = op.find('(') {
        let inner = op[open + 1..].strip_suffix(')')?;
        let disp = if open == 0 {
            0
        } else {
            i32::try_from(parse_int(&op[..open])?).ok()?
        };
        let reg = |r: &str| pt_regs_offset(r.trim().strip_prefix('%')?);
        let parts: Vec<&str> = inner.split(',').collect();
        match parts.as_slice() {
            [b] => ArgLoc::Mem { reg: reg(b)?, disp },
            [b, i, rest @ ..] if rest.len() <= 1 => {
                let scale = match rest.first() {
                    Some(sc) => sc.trim().parse::<u8>().ok()?,
                    None => 1,
                };
                if !matches!(scale, 1 | 2 | 4 | 8) {
                    return None;
                }
                let base = if b.trim().is_empty() {
                    None
                } else {
                    Some(reg(b)?)
                };
                ArgLoc::Indexed {
                    base,
                    index: reg(i)?,
                    scale,
                    disp,
                }
            }
            _ => return None,
        }
    } else {
        return None;
    };
    Some(ArgSpec {
        size: size as u8,
        signed,
        loc,
    })
}

/// Parse a `size@expr(%rip)` argument of the probe at link-time address `pc`, `expr` being
/// symbols and numbers added and subtracted (`counter`, `arr+16`, `16+arr`), with `resolve`
/// giving a symbol's link-time address.
pub fn parse_pcrel_arg(
    spec: &str,
    pc: u64,
    resolve: impl Fn(&str) -> Option<u64>,
) -> Option<ArgSpec> {
    let (size, op) = spec.split_once('@')?;
    let n: i32 = size.parse().ok()?;
    let size = n.unsigned_abs();
    if !matches!(size, 1 | 2 | 4 | 8) {
        return None;
    }
    let expr = op.strip_suffix("(%rip)")?;
    let mut addr: i64 = 0;
    let mut syms = 0;
    let mut rest = expr;
    let mut neg = false;
    loop {
        let end = rest[1.min(rest.len())..]
            .find(['+', '-'])
            .map(|i| i + 1)
            .unwrap_or(rest.len());
        let term = &rest[..end];
        let (sign, t) = match term.as_bytes().first() {
            Some(b'+') => (neg, &term[1..]),
            Some(b'-') => (!neg, &term[1..]),
            _ => (neg, term),
        };
        let v = match parse_int(t) {
            Some(v) => v,
            None => {
                syms += 1;
                i64::try_from(resolve(t)?).ok()?
            }
        };
        addr = if sign { addr.checked_sub(v)? } else { addr.checked_add(v)? };
        neg = false;
        if end == rest.len() {
            break;
        }
        rest = &rest[end..];
    }
    // A bare number is relative to the next instruction at the operand's original place,
    // which the note does not give.
    if syms != 1 {
        return None;
    }
    let disp = i32::try_from(addr.checked_sub(i64::try_from(pc).ok()?)?).ok()?;
    Some(ArgSpec {
        size: size as u8,
        signed: n < 0,
        loc: ArgLoc::PcRel { disp },
    })
}

/// The link-time address of the symbol `name` in `file` (symbol table, then dynamic).
fn symbol_address(file: &object::File, name: &str) -> Option<u64> {
    file.symbols()
        .chain(file.dynamic_symbols())
        .find(|s| s.is_definition() && s.name() == Ok(name))
        .map(|s| s.address())
}

/// One `.note.stapsdt` probe, addresses already corrected for the link-time base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub provider: String,
    pub name: String,
    pub pc: u64,
    pub semaphore: u64,
    pub args: String,
}

/// The stapsdt notes of an ELF object.
pub fn notes(data: &[u8]) -> Vec<Note> {
    let Ok(elf) = ElfFile64::<object::Endianness>::parse(data) else {
        return Vec::new();
    };
    let endian = elf.endian();
    let base_addr = elf.section_by_name(".stapsdt.base").map(|s| s.address());
    let mut out = Vec::new();
    for sec in elf.elf_section_table().iter() {
        let is_sdt = elf
            .elf_section_table()
            .section_name(endian, sec)
            .map(|n| n == b".note.stapsdt")
            .unwrap_or(false);
        if !is_sdt {
            continue;
        }
        let Ok(Some(mut it)) = sec.notes(endian, data) else {
            continue;
        };
        while let Ok(Some(n)) = it.next() {
            if n.name() != b"stapsdt" || n.n_type(endian) != 3 {
                continue;
            }
            let d = n.desc();
            if d.len() < 24 {
                continue;
            }
            let word = |i: usize| {
                let b: [u8; 8] = d[i * 8..i * 8 + 8].try_into().unwrap();
                if elf.elf_header().is_little_endian() {
                    u64::from_le_bytes(b)
                } else {
                    u64::from_be_bytes(b)
                }
            };
            let (mut pc, base, mut sem) = (word(0), word(1), word(2));
            if let Some(actual) = base_addr {
                pc = pc.wrapping_add(actual.wrapping_sub(base));
                if sem != 0 {
                    sem = sem.wrapping_add(actual.wrapping_sub(base));
                }
            }
            let mut strs = d[24..]
                .split(|&c| c == 0)
                .map(|s| String::from_utf8_lossy(s).into_owned());
            let (Some(provider), Some(name)) = (strs.next(), strs.next()) else {
                continue;
            };
            out.push(Note {
                provider,
                name,
                pc,
                semaphore: sem,
                args: strs.next().unwrap_or_default(),
            });
        }
    }
    out
}

/// The function containing address `pc` (the probe's function), or "" if none.
fn function_at(file: &object::File, pc: u64) -> String {
    file.symbols()
        .chain(file.dynamic_symbols())
        .filter(|s| s.kind() == SymbolKind::Text && s.is_definition())
        .find(|s| pc >= s.address() && pc < s.address() + s.size().max(1))
        .and_then(|s| s.name().ok().map(str::to_string))
        .unwrap_or_default()
}

/// Add the usdt probes of `obj` whose provider is `prefix` and that `pat` matches.
pub fn probes(
    pid: i32,
    prefix: &str,
    obj: &ProcObject,
    data: &[u8],
    file: &object::File,
    pat: &DescPattern,
    out: &mut Vec<(ProbeDesc, ProbeKind)>,
) {
    let defs = super::usdtdefs::section_of(file);
    for n in notes(data) {
        // sys/sdt.h allows `-` in neither name, but DTrace spells `__` as `-` in probe names.
        let name = n.name.replace("__", "-");
        if n.provider != prefix || !glob::matches(&pat.name, &name) {
            continue;
        }
        let function = function_at(file, n.pc);
        if !glob::matches(&pat.function, &function) {
            continue;
        }
        let Some(offset) = file_offset(file, n.pc) else {
            continue;
        };
        let semaphore = if n.semaphore != 0 {
            file_offset(file, n.semaphore)
        } else {
            None
        };
        let types = defs
            .iter()
            .find(|(pv, p, _)| *pv == n.provider && *p == name)
            .map(|(_, _, t)| Box::new(t.clone()));
        let args: Vec<ArgSpec> = n
            .args
            .split_whitespace()
            .map(|a| {
                // An operand we cannot decode reads as 0 rather than hiding the probe.
                parse_arg(a)
                    .or_else(|| parse_pcrel_arg(a, n.pc, |s| symbol_address(file, s)))
                    .unwrap_or(ArgSpec {
                    size: 8,
                    signed: false,
                    loc: ArgLoc::Imm(0),
                })
            })
            .collect();
        out.push((
            ProbeDesc {
                id: 0,
                provider: format!("{}{}", n.provider, pid),
                module: obj.name.clone(),
                function,
                name,
            },
            ProbeKind::Uprobe(Box::new(Uprobe {
                pid,
                path: obj.path.clone(),
                offset,
                ret: false,
                usdt_args: Some(args),
                semaphore,
                usdt_types: types,
            })),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pc_relative_argument_specs() {
        let syms = |s: &str| match s {
            "counter" => Some(0x4010),
            "arr" => Some(0x4020),
            _ => None,
        };
        let at = |spec| parse_pcrel_arg(spec, 0x1000, syms).map(|a| (a.size, a.signed, a.loc));
        assert_eq!(at("-4@counter(%rip)"), Some((4, true, ArgLoc::PcRel { disp: 0x3010 })));
        assert_eq!(at("8@arr+16(%rip)"), Some((8, false, ArgLoc::PcRel { disp: 0x3030 })));
        assert_eq!(at("-8@16+arr(%rip)"), Some((8, true, ArgLoc::PcRel { disp: 0x3030 })));
        assert_eq!(at("8@arr-0x8(%rip)"), Some((8, false, ArgLoc::PcRel { disp: 0x3018 })));
        assert_eq!(at("8@nosuch(%rip)"), None);
        assert_eq!(at("8@16(%rip)"), None);
        assert_eq!(at("8@counter(%rax)"), None);
    }

    #[test]
    fn indexed_argument_specs() {
        // rdi is pt_regs slot 14, rsi 13, rdx 12, rcx 11, rax 10.
        assert_eq!(
            parse_arg("-8@(%rdi,%rsi,8)").map(|a| a.loc),
            Some(ArgLoc::Indexed {
                base: Some(112),
                index: 104,
                scale: 8,
                disp: 0
            })
        );
        assert_eq!(
            parse_arg("-4@12(%rdx,%rcx,4)").map(|a| (a.size, a.signed, a.loc)),
            Some((
                4,
                true,
                ArgLoc::Indexed {
                    base: Some(96),
                    index: 88,
                    scale: 4,
                    disp: 12
                }
            ))
        );
        assert_eq!(
            parse_arg("8@-0x10(,%rax,2)").map(|a| a.loc),
            Some(ArgLoc::Indexed {
                base: None,
                index: 80,
                scale: 2,
                disp: -16
            })
        );
        assert_eq!(
            parse_arg("4@(%rax,%rbx)").map(|a| a.loc),
            Some(ArgLoc::Indexed {
                base: Some(80),
                index: 40,
                scale: 1,
                disp: 0
            })
        );
        assert_eq!(parse_arg("4@(%rax,%rbx,3)"), None);
        assert_eq!(parse_arg("4@(%rax,%rbx,8,1)"), None);
        assert_eq!(parse_arg("4@(%rax,%bogus,8)"), None);
    }

    #[test]
    fn argument_specs() {
        assert_eq!(
            parse_arg("-4@%eax"),
            Some(ArgSpec {
                size: 4,
                signed: true,
                loc: ArgLoc::Reg(80)
            })
        );
        assert_eq!(
            parse_arg("8@-16(%rbp)"),
            Some(ArgSpec {
                size: 8,
                signed: false,
                loc: ArgLoc::Mem { reg: 32, disp: -16 }
            })
        );
        assert_eq!(
            parse_arg("4@$5"),
            Some(ArgSpec {
                size: 4,
                signed: false,
                loc: ArgLoc::Imm(5)
            })
        );
        assert_eq!(
            parse_arg("8@(%rdi)"),
            Some(ArgSpec {
                size: 8,
                signed: false,
                loc: ArgLoc::Mem { reg: 112, disp: 0 }
            })
        );
        assert_eq!(parse_arg("3@%eax"), None);
        assert_eq!(parse_arg("8@%xmm0"), None);
    }
}
