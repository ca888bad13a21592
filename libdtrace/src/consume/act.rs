//! The consumer's side of the actions in record_act.rs: stacks and symbols printed as DTrace
//! prints them, tracemem's hex dump, speculation buffers, and the actions the consumer carries
//! out itself (`system()`, `freopen()`).
//!
//! Speculations: a record whose clause called `speculate(id)` is kept in buffer `id` instead of
//! being printed; `commit(id)` prints the kept records, in order, after the committing record;
//! `discard(id)` drops them. The kernel hands out and frees the IDs (codegen/actions.rs); the
//! ring buffer delivers records in reservation order, so a commit reaches us before any record
//! of a later speculation that reuses its ID.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::io::Write;

use super::ksyms::KernelSyms;
use super::usyms::{self, UserSyms};
use crate::handle::ConsumeHandler;
use crate::load::Map;
use crate::options::Options;
use crate::print::printf::Symbolizer;
use crate::record::{ActionDesc, DataDesc, RecDesc, Value};
use crate::record_act::{ActDesc, SymKind};


#[derive(Default)]
struct SpecBuf {
    records: Vec<Vec<u8>>,
    bytes: u64,
}

#[derive(Default)]
pub struct ActState {
    /// Spaces before each stack frame (`stackindent`).
    pub stack_indent: usize,
    ksyms: OnceCell<KernelSyms>,
    usyms: OnceCell<UserSyms>,
    /// The pid recorded with the record being printed.
    pid: u32,
    specs: HashMap<u32, SpecBuf>,
    /// Speculations committed by the record being printed.
    committed: Vec<u32>,
    /// Records dropped because their speculation buffer was full (`specsize`).
    spec_drops: u64,
    reported_spec_drops: u64,
    reported_failed: u64,
    /// Where `freopen()` sent the output; `None` is the caller's stream. The consume loop
    /// takes it for a batch of records (`take_redirect`) and gives it back.
    redirect: Option<std::fs::File>,
    /// A copy of the current redirection, for `system()`'s standard output.
    redirect_copy: Option<std::fs::File>,
    /// What a `freopen()` of the record being printed asks for, applied after the record.
    pending: Option<Option<std::fs::File>>,
    /// `printsize` in force (options and run-time `setopt()`): the bytes of a value `print()`
    /// shows; `None` for the default.
    pub printsize: Option<u64>,
}

/// The symbolizer printf's `%a`/`%A` use for one record.
pub struct RecordSymbols<'a> {
    st: &'a ActState,
}

impl Symbolizer for RecordSymbols<'_> {
    fn kernel_addr(&self, addr: u64) -> String {
        self.st.ksyms().addr_text(addr)
    }
    fn user_addr(&self, addr: u64) -> String {
        self.st.usyms().addr_text(self.st.pid, addr)
    }
}

fn int_at(data: &[u8], r: &RecDesc) -> u64 {
    match Value::decode(data, r) {
        Some(Value::Int { bits, .. }) => bits,
        _ => 0,
    }
}

/// The frame strings of a `ustack()` record, one NUL-terminated string per frame until the
/// table runs out (as DTrace's `dt_print_ustack` walks them).
struct FrameStrings<'a> {
    table: &'a [u8],
    at: usize,
}

impl<'a> FrameStrings<'a> {
    fn next_string(&mut self) -> &'a [u8] {
        let rest = self.table.get(self.at..).unwrap_or(&[]);
        if rest.is_empty() {
            return rest;
        }
        let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        self.at += len + 1;
        &rest[..len]
    }
}

fn u64s(data: &[u8], offset: u32, n: u32) -> Vec<u64> {
    let mut v = Vec::new();
    for i in 0..n as usize {
        let o = offset as usize + 8 * i;
        let Some(b) = data.get(o..o + 8) else { break };
        let pc = u64::from_ne_bytes(b.try_into().unwrap());
        if pc == 0 {
            break;
        }
        v.push(pc);
    }
    v
}

impl ActState {
    /// The consumer's state, printing stack frames after `stack_indent` spaces.
    pub fn new(stack_indent: usize) -> ActState {
        ActState { stack_indent, ..Default::default() }
    }

    fn ksyms(&self) -> &KernelSyms {
        self.ksyms.get_or_init(KernelSyms::load)
    }
    fn usyms(&self) -> &UserSyms {
        self.usyms.get_or_init(UserSyms::default)
    }

    pub fn symbols(&self) -> RecordSymbols<'_> {
        RecordSymbols { st: self }
    }

    /// The `freopen()` file output goes to, for the consume loop to write to.
    pub fn take_redirect(&mut self) -> Option<std::fs::File> {
        self.redirect.take()
    }

    /// Give the redirection back after a batch of records.
    pub fn put_redirect(&mut self, f: Option<std::fs::File>) {
        self.redirect = f;
    }

    /// After a record: a `freopen()` it ran replaces the stream in `cur`.
    pub fn apply_freopen(&mut self, cur: &mut Option<std::fs::File>) {
        if let Some(f) = self.pending.take() {
            self.redirect_copy = f.as_ref().and_then(|f| f.try_clone().ok());
            *cur = f;
        }
    }

    /// Called first for every record. Returns true when the record is speculative: it was
    /// kept in its buffer (or dropped) and must not be printed now.
    pub fn stash(&mut self, desc: &DataDesc, data: &[u8], opts: &Options) -> bool {
        self.pid = 0;
        let Some(r) = desc.actions.iter().find_map(|a| match a {
            ActionDesc::Act(ActDesc::Speculate(r)) => Some(r),
            _ => None,
        }) else {
            return false;
        };
        let id = int_at(data, r) as u32;
        if id == 0 {
            return true;
        }
        let b = self.specs.entry(id).or_default();
        if b.bytes + data.len() as u64 > opts.specsize {
            self.spec_drops += 1;
        } else {
            b.bytes += data.len() as u64;
            b.records.push(data.to_vec());
        }
        // A clause that speculates may commit or discard in the same clause (after its
        // data): that takes effect now, with this record in the buffer, as in DTrace where the
        // clause's data is already in the speculation buffer when its commit runs.
        for a in &desc.actions {
            match a {
                ActionDesc::Act(ActDesc::Commit(r)) => {
                    let c = int_at(data, r) as u32;
                    if c != 0 {
                        self.committed.push(c);
                    }
                }
                ActionDesc::Act(ActDesc::Discard(r)) => {
                    self.specs.remove(&(int_at(data, r) as u32));
                }
                _ => {}
            }
        }
        true
    }

    /// Print (or carry out) one action of record_act.rs into `buf`. `out` is where earlier
    /// output of the record already went; `system()` flushes it before running its command.
    pub fn action(
        &mut self,
        a: &ActDesc,
        data: &[u8],
        buf: &mut Vec<u8>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        match a {
            ActDesc::Pid(r) => self.pid = int_at(data, r) as u32,
            ActDesc::Stack { offset, frames } => {
                buf.push(b'\n');
                let pcs = u64s(data, *offset, *frames);
                let ks = self.ksyms();
                let texts: Vec<String> = ks.site_frames(&pcs).iter().map(|&pc| ks.addr_text(pc)).collect();
                for text in texts {
                    buf.extend(std::iter::repeat_n(b' ', self.stack_indent));
                    buf.extend_from_slice(text.as_bytes());
                    buf.push(b'\n');
                }
            }
            ActDesc::Ustack {
                offset,
                frames,
                strsize,
            } => {
                buf.push(b'\n');
                let pcs = u64s(data, *offset, *frames);
                let found = self.usyms().lookup_many(self.pid, &pcs);
                let start = (*offset + 8 * *frames) as usize;
                let table = data.get(start..start + *strsize as usize).unwrap_or(&[]);
                let mut strs = FrameStrings { table, at: 0 };
                for (pc, l) in pcs.iter().zip(found) {
                    let s = strs.next_string();
                    let named = l.is_none() && !s.is_empty() && s[0] != b'@';
                    buf.extend(std::iter::repeat_n(b' ', self.stack_indent));
                    if named {
                        buf.extend_from_slice(s);
                    } else {
                        buf.extend_from_slice(usyms::addr_text(l.as_ref(), *pc).as_bytes());
                    }
                    buf.push(b'\n');
                    // A string starting with @ annotates the frame, on a line of its own.
                    if let Some(note) = s.strip_prefix(b"@") {
                        buf.extend(std::iter::repeat_n(b' ', self.stack_indent));
                        buf.extend_from_slice(b"  [ ");
                        buf.extend_from_slice(note);
                        buf.extend_from_slice(b" ]\n");
                    }
                }
            }
            ActDesc::Sym { kind, rec } => {
                let pc = int_at(data, rec);
                let text = match kind {
                    SymKind::Sym => self.ksyms().sym_text(pc),
                    SymKind::Mod => self.ksyms().mod_text(pc),
                    SymKind::USym => self.usyms().usym_text(self.pid, pc),
                    SymKind::UMod => self.usyms().umod_text(self.pid, pc),
                    SymKind::UAddr => self.usyms().addr_text(self.pid, pc),
                };
                buf.extend_from_slice(format!("  {:<50}", text).as_bytes());
            }
            ActDesc::Tracemem {
                offset,
                size,
                dynsize,
            } => {
                let mut n = *size as usize;
                if let Some(d) = dynsize {
                    // A negative dynamic size prints everything, as DTrace does.
                    let v = int_at(data, d) as i64;
                    if v >= 0 && (v as usize) < n {
                        n = v as usize;
                    }
                }
                let start = *offset as usize;
                if let Some(bytes) = data.get(start..start + n) {
                    crate::print::trace::print_rawbytes(buf, bytes);
                }
            }
            ActDesc::Print {
                addr,
                offset,
                size,
                node,
                ptr,
            } => {
                let a = data
                    .get(*addr as usize..*addr as usize + 8)
                    .map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
                    .unwrap_or(0);
                let start = *offset as usize;
                if let Some(bytes) = data.get(start..start + *size as usize) {
                    let shown = if *ptr { Some(a) } else { None };
                    let limit = self
                        .printsize
                        .unwrap_or(crate::check::printtype::DEFAULT_PRINTSIZE as u64)
                        .clamp(1, *size as u64) as u32;
                    crate::print::typed::print_typed(buf, node, shown, bytes, limit);
                }
            }
            ActDesc::Speculate(_) | ActDesc::Discard(_) => {
                if let ActDesc::Discard(r) = a {
                    self.specs.remove(&(int_at(data, r) as u32));
                }
            }
            ActDesc::Commit(r) => {
                let id = int_at(data, r) as u32;
                if id != 0 {
                    self.committed.push(id);
                }
            }
            ActDesc::System { format, args } => {
                let vals: Vec<Value> = args.iter().filter_map(|r| Value::decode(data, r)).collect();
                let mut cmd = Vec::new();
                let _ = format.format_with(&mut cmd, &vals, &self.symbols());
                // The command's output must land after ours, in the same stream.
                out.write_all(buf)?;
                buf.clear();
                out.flush()?;
                let cmd = String::from_utf8_lossy(&cmd).into_owned();
                let mut c = std::process::Command::new("/bin/sh");
                c.arg("-c").arg(&cmd);
                if let Some(f) = &self.redirect_copy {
                    c.stdout(f.try_clone()?);
                }
                if let Err(e) = c.status() {
                    eprintln!("dtrace: failed to execute \"{}\": {}", cmd, e);
                }
            }
            ActDesc::Freopen { format, args } => {
                let vals: Vec<Value> = args.iter().filter_map(|r| Value::decode(data, r)).collect();
                let mut name = Vec::new();
                if let Some(format) = format {
                    let _ = format.format_with(&mut name, &vals, &self.symbols());
                }
                out.write_all(buf)?;
                buf.clear();
                out.flush()?;
                if name.is_empty() {
                    self.pending = Some(None);
                } else {
                    let path = String::from_utf8_lossy(&name).into_owned();
                    match std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(&path)
                    {
                        Ok(f) => self.pending = Some(Some(f)),
                        Err(e) => {
                            eprintln!("dtrace: failed to freopen() \"{}\": {}", path, e)
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The records of the speculations the record just printed committed, in commit order
    /// and each buffer's record order, for the consume loop to print.
    pub fn take_committed(&mut self) -> Vec<Vec<u8>> {
        let ids = std::mem::take(&mut self.committed);
        let mut out = Vec::new();
        for id in ids {
            if let Some(b) = self.specs.remove(&id) {
                out.extend(b.records);
            }
        }
        out
    }

    /// Report speculation drops: buffers that were full, and speculation() calls that found
    /// no free buffer (counted by the kernel in the speculation map).
    pub fn report_drops(&mut self, spec_map: Option<&Map>, h: &mut dyn ConsumeHandler) {
        if self.spec_drops > self.reported_spec_drops {
            let n = self.spec_drops - self.reported_spec_drops;
            h.drop(&super::count_of(n, "speculative drop"));
            self.reported_spec_drops = self.spec_drops;
        }
        let Some(m) = spec_map else { return };
        let mut v = vec![0u8; m.value_size() as usize];
        if !matches!(m.lookup(&0u32.to_ne_bytes(), &mut v), Ok(true)) {
            return;
        }
        let failed = u64::from_ne_bytes(v[0..8].try_into().unwrap());
        if failed > self.reported_failed {
            let n = failed - self.reported_failed;
            h.drop(&format!("{} (no speculative buffer available)", super::count_of(n, "failed speculation")));
            self.reported_failed = failed;
        }
    }
}

/// Start-up checks and maps for these actions.
pub mod setup {
    use crate::check::ir::{TClause, TStmt};
    use crate::codegen::MapRef;
    use crate::error::{Error, Result};
    use crate::load::{Map, MapType};
    use crate::options::Options;
    use std::collections::HashMap;

    /// DTrace refuses to enable destructive actions without `-w` (dtrace_go's
    /// EDT_DESTRUCTIVE).
    pub fn check_destructive(enabled: &[TClause], opts: &Options) -> Result<()> {
        let destructive = enabled.iter().any(|c| {
            c.stmts
                .iter()
                .any(|s| matches!(s, TStmt::Act(a) if a.destructive()))
        });
        if destructive && !opts.destructive {
            return Err(Error::Other("Destructive actions not allowed".into()));
        }
        Ok(())
    }

    /// The speculation map, when a clause uses speculations.
    pub fn create_maps(
        enabled: &[TClause],
        opts: &Options,
        maps: &mut HashMap<MapRef, Map>,
    ) -> Result<()> {
        use crate::check::ir::TKind;
        let mut uses = false;
        for c in enabled {
            c.walk(&mut |e| uses |= matches!(e.kind, TKind::Speculation));
            uses |= c.stmts.iter().any(|s| {
                matches!(
                    s,
                    TStmt::Act(
                        crate::check::ir_act::ActStmt::Speculate(_)
                            | crate::check::ir_act::ActStmt::Commit(_)
                            | crate::check::ir_act::ActStmt::Discard(_)
                    )
                )
            });
        }
        if !uses {
            return Ok(());
        }
        let nspec = (opts.nspec as u32).clamp(1, crate::codegen::spec_layout::MAX_NSPEC);
        let m = Map::create(
            MapType::Array,
            4,
            crate::codegen::spec_layout::size(nspec),
            1,
            0,
            "dt_spec",
        )?;
        maps.insert(MapRef::Spec, m);
        Ok(())
    }
}

#[cfg(test)]
mod frame_string_tests {
    use super::FrameStrings;

    #[test]
    fn one_string_per_frame_until_the_table_ends() {
        let t = b"java.lang.Thread.run\0@interpreted\0\0";
        let mut s = FrameStrings { table: t, at: 0 };
        assert_eq!(s.next_string(), b"java.lang.Thread.run");
        assert_eq!(s.next_string(), b"@interpreted");
        assert_eq!(s.next_string(), b"");
        assert_eq!(s.next_string(), b"");
        let mut empty = FrameStrings { table: &[], at: 0 };
        assert_eq!(empty.next_string(), b"");
    }
}
