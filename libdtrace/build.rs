//! Compiles the BPF runtime routines in `bpf/*.c` with clang for the BPF target and turns each
//! object's functions into a Rust table (name → instructions, plus the calls between routines)
//! that `codegen::link` appends to the action programs calling them.
//!
//! The rule for a routine: everything it touches comes in as an argument (pointers into map
//! values, sizes as constants), so the object may hold no map or data relocation; the only
//! relocations allowed are BPF-to-BPF calls to, and addresses (`bpf_loop()` callbacks) of,
//! other global functions. A violation fails the build with the routine's name.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use object::{Object, ObjectSection, ObjectSymbol, RelocationFlags, RelocationTarget, SymbolKind};

/// `R_BPF_64_32`: the relocation of a BPF-to-BPF call's immediate.
const R_BPF_64_32: u32 = 10;
/// `R_BPF_64_64`: a 64-bit immediate load of an address; allowed for the address of another
/// global routine (a `bpf_loop()` callback).
const R_BPF_64_64: u32 = 1;

struct Func {
    name: String,
    insns: Vec<[u8; 8]>,
    calls: Vec<(usize, String)>,
    /// Instructions loading the address of a routine (a callback): (index, routine).
    funcs: Vec<(usize, String)>,
}

fn fail(msg: String) -> ! {
    eprintln!("error: {}", msg);
    std::process::exit(1);
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let bpf_dir = manifest.join("../bpf");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed={}", bpf_dir.display());
    println!("cargo:rerun-if-env-changed=CLANG");

    let mut sources: Vec<PathBuf> = std::fs::read_dir(&bpf_dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    sources.sort();
    for p in &sources {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let c_files: Vec<&PathBuf> = sources
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();

    let clang = std::env::var("CLANG").unwrap_or_else(|_| "clang".to_string());
    let mut funcs = Vec::new();
    for src in c_files {
        let stem = src.file_stem().unwrap().to_string_lossy().to_string();
        let obj = out.join(format!("{}.o", stem));
        let status = Command::new(&clang)
            .args([
                "-target", "bpf", "-O2", "-mcpu=v3", "-c", "-g0", "-Wall", "-Werror",
            ])
            .arg("-ffreestanding")
            .arg("-I")
            .arg(&bpf_dir)
            .arg(src)
            .arg("-o")
            .arg(&obj)
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => fail(format!("{} failed on {} ({})", clang, src.display(), s)),
            Err(e) => fail(format!(
                "cannot run `{}` ({}): the BPF runtime routines in bpf/ are C compiled for the BPF \
                 target; install clang and llvm (Debian: apt-get install clang llvm) or set CLANG",
                clang, e
            )),
        }
        funcs.extend(read_object(&obj));
    }

    let mut names: Vec<&str> = funcs.iter().map(|f| f.name.as_str()).collect();
    names.sort();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        fail(format!("BPF routine {} is defined twice in bpf/", w[0]));
    }
    for f in &funcs {
        for (_, callee) in &f.calls {
            if !names.contains(&callee.as_str()) {
                fail(format!(
                    "BPF routine {} calls {}, which bpf/ does not define",
                    f.name, callee
                ));
            }
        }
    }
    write_table(&out.join("bpf_routines.rs"), &funcs);
}

/// The global functions of one object's `.text`, with their calls.
fn read_object(path: &Path) -> Vec<Func> {
    let data = std::fs::read(path).unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)));
    let file =
        object::File::parse(&*data).unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)));
    for s in file.sections() {
        let name = s.name().unwrap_or("");
        let is_data = name.starts_with(".rodata")
            || name.starts_with(".data")
            || name.starts_with(".bss")
            || name == ".maps";
        if is_data && s.size() > 0 {
            fail(format!(
                "{}: section {} is not empty: BPF runtime routines may not use global data or maps \
                 (pass everything as arguments)",
                path.display(),
                name
            ));
        }
        if name != ".text" && s.kind() == object::SectionKind::Text && s.size() > 0 {
            fail(format!(
                "{}: code in section {}: BPF runtime routines live in .text",
                path.display(),
                name
            ));
        }
    }
    let Some(text) = file.section_by_name(".text") else {
        return Vec::new();
    };
    let bytes = text
        .data()
        .unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)));
    let mut syms: Vec<(u64, u64, String)> = file
        .symbols()
        .filter(|s| {
            s.kind() == SymbolKind::Text && s.section_index() == Some(text.index()) && s.is_global()
        })
        .map(|s| (s.address(), s.size(), s.name().unwrap_or("").to_string()))
        .collect();
    syms.sort();
    // Calls resolved through relocations: offset in .text → callee.
    let mut relocs: Vec<(u64, String)> = Vec::new();
    let mut func_refs: Vec<(u64, String)> = Vec::new();
    for (off, r) in text.relocations() {
        let r_type = match r.flags() {
            RelocationFlags::Elf { r_type } => r_type,
            _ => 0,
        };
        let target = match r.target() {
            RelocationTarget::Symbol(i) => file.symbol_by_index(i).ok(),
            _ => None,
        };
        let callee = target
            .filter(|t| t.kind() == SymbolKind::Text)
            .and_then(|t| t.name().ok());
        match (r_type, callee) {
            (R_BPF_64_32, Some(c)) if !c.is_empty() => relocs.push((off, c.to_string())),
            (R_BPF_64_64, Some(c)) if !c.is_empty() => func_refs.push((off, c.to_string())),
            _ => fail(format!(
                "{}: relocation of type {} at .text+{:#x}: BPF runtime routines may only call other \
                 global routines (no maps, no global data, no static functions)",
                path.display(),
                r_type,
                off
            )),
        }
    }
    let mut funcs = Vec::new();
    for (addr, size, name) in &syms {
        if size % 8 != 0 || (addr + size) as usize > bytes.len() {
            fail(format!(
                "{}: function {} has a bad size",
                path.display(),
                name
            ));
        }
        let mut insns = Vec::new();
        let mut calls = Vec::new();
        let mut funcs_here = Vec::new();
        for i in 0..(size / 8) {
            let at = (addr + i * 8) as usize;
            if let Some((_, f)) = func_refs.iter().find(|(o, _)| *o == at as u64) {
                if bytes[at] != 0x18 {
                    fail(format!(
                        "{}: {} takes the address of {} other than with a 64-bit load",
                        path.display(),
                        name,
                        f
                    ));
                }
                funcs_here.push((i as usize, f.clone()));
            }
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[at..at + 8]);
            let is_pseudo_call = b[0] == 0x85 && (b[1] >> 4) == 1;
            if is_pseudo_call {
                let callee = match relocs.iter().find(|(o, _)| *o == at as u64) {
                    Some((_, c)) => c.clone(),
                    None => {
                        // Resolved by the assembler: the target is relative to the next insn.
                        let imm = i32::from_le_bytes([b[4], b[5], b[6], b[7]]) as i64;
                        let target = at as i64 + 8 + imm * 8;
                        match syms.iter().find(|(a, _, _)| *a as i64 == target) {
                            Some((_, _, n)) => n.clone(),
                            None => fail(format!(
                                "{}: {} calls a non-global function",
                                path.display(),
                                name
                            )),
                        }
                    }
                };
                calls.push((i as usize, callee));
            }
            insns.push(b);
        }
        funcs.push(Func {
            name: name.clone(),
            insns,
            calls,
            funcs: funcs_here,
        });
    }
    funcs
}

fn write_table(path: &Path, funcs: &[Func]) {
    let mut s = String::from("// Generated by libdtrace/build.rs from bpf/*.c. Do not edit.\n\n");
    s.push_str("pub static ROUTINES: &[RoutineDef] = &[\n");
    for f in funcs {
        let _ = writeln!(
            s,
            "    RoutineDef {{\n        name: {:?},\n        insns: &[",
            f.name
        );
        for b in &f.insns {
            let off = i16::from_le_bytes([b[2], b[3]]);
            let imm = i32::from_le_bytes([b[4], b[5], b[6], b[7]]);
            let _ = writeln!(
                s,
                "            Insn {{ code: {:#04x}, regs: {:#04x}, off: {}, imm: {} }},",
                b[0], b[1], off, imm
            );
        }
        s.push_str("        ],\n        calls: &[");
        for (i, c) in &f.calls {
            let _ = write!(s, "({}, {:?}), ", i, c);
        }
        s.push_str("],\n        funcs: &[");
        for (i, c) in &f.funcs {
            let _ = write!(s, "({}, {:?}), ", i, c);
        }
        s.push_str("],\n    },\n");
    }
    s.push_str("];\n");
    std::fs::write(path, s).unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)));
}
