//! A tracing session: what `go` builds in the kernel and what `work` and `stop` drive.
//!
//! Start-up order: generate every clause and stub, create the maps, load the programs (one copy
//! of a clause per program type it is needed in, each in that type's prog array), run BEGIN,
//! then attach every other probe. Stopping sets the shared state to "stopped" (stubs stop
//! firing at once), detaches all probes together, and runs END.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::time::Duration;

use crate::attach::{self, tracefs, Link};
use crate::check::ir::TClause;
use crate::check::Symbols;
use crate::codegen::clause::{ClauseCode, Target};
use crate::codegen::emit::Reloc;
use crate::codegen::insn::Insn;
use crate::codegen::stub::{self, ArgSource, StubSpec};
use crate::codegen::{drops, mstate, state, MapRef};
use crate::consume::policy::Admit;
use crate::consume::record::RecordPrinter;
use crate::consume::output::{self, Output};
use crate::error::{Error, Result, SysError};
use crate::handle::{ConsumeHandler, WorkStatus};
use crate::load::{self, Map, MapType, ProgArray, ProgType, Program};
use crate::options::Options;
use crate::provider::{ProbeKind, ProbeTable};
use crate::record::{DataDesc, RECORD_HEADER_SIZE};

const LICENSE: &str = "GPL";

/// The program type a probe's stub (and so its clauses) must have.
fn prog_type(kind: &ProbeKind) -> ProgType {
    match kind {
        ProbeKind::Begin | ProbeKind::End | ProbeKind::Error => ProgType::RawTracepoint,
        ProbeKind::Profile { .. } => ProgType::PerfEvent,
        ProbeKind::SyscallEntry { .. } | ProbeKind::SyscallReturn { .. } => ProgType::Tracepoint,
        ProbeKind::Sdt { .. } => ProgType::Tracepoint,
        ProbeKind::RawTp { .. } => ProgType::RawTracepoint,
        ProbeKind::Uprobe(_) => ProgType::Kprobe,
        ProbeKind::Stable(_) => ProgType::RawTracepoint,
        ProbeKind::FbtEntry { .. } | ProbeKind::FbtReturn { .. } => ProgType::Kprobe,
    }
}

pub struct Session {
    maps: HashMap<MapRef, Map>,
    /// Kept alive: the kernel drops a prog array's entries when its last user fd closes.
    _prog_arrays: HashMap<u32, ProgArray>,
    _clause_progs: Vec<Program>,
    stubs: Vec<(u32, Program)>,
    links: Vec<Link>,
    /// `-x cpu=N`: the one CPU probes fire on (profile and tick probes are placed there).
    only_cpu: Option<u32>,
    /// How many of `links` are tracepoints (slow to detach).
    tracepoint_links: usize,
    end_stub: Option<Program>,
    /// The hidden programs (`codegen::keeper`), by raw tracepoint.
    keepers: Vec<(&'static str, bool, Program)>,
    /// Their links, detached after END has run.
    keeper_links: Vec<Link>,
    ring: Output,
    /// Data descriptions by EPID.
    descs: Vec<Option<DataDesc>>,
    stopped: bool,
    exiting: bool,
    /// `-x bufpolicy`: what a full per-CPU buffer does (consume/policy.rs).
    policy: crate::consume::policy::Policy,
    /// Drops already reported, per CPU: (buffer, aggregation).
    reported_drops: Vec<(u64, u64)>,
    /// Dynamic variable drops and errors in ERROR clauses already reported (all CPUs).
    reported_dyn: (u64, u64),
    aggs_printed: bool,
    /// Symbols, speculations and freopen() of the consumer (consume/act.rs).
    act: crate::consume::act::ActState,
    /// The consumer's side of aggregations (printa, clear, trunc, normalize, setopt).
    aggs: crate::aggregate::AggConsumer,
}

fn link(insns: &[Insn], relocs: &[Reloc], fd: &dyn Fn(MapRef) -> i32) -> Vec<Insn> {
    let mut v = insns.to_vec();
    for r in relocs {
        v[r.insn].imm = fd(r.map);
    }
    v
}

fn next_pow2(v: u64) -> u64 {
    v.max(1).next_power_of_two()
}

impl Session {
    pub fn start(
        enabled: &[TClause],
        syms: &Symbols,
        probes: &ProbeTable,
        opts: &Options,
    ) -> Result<Session> {
        crate::consume::act::setup::check_destructive(enabled, opts)?;
        let ncpus = load::possible_cpus().max(1);
        // `-x cpu=N`: probes fire on CPU N only.
        let only_cpu = match opts.int_option("cpu") {
            Some(c) if c >= ncpus as u64 => {
                return Err(Error::Other(format!("failed to enable -x cpu={}: no such CPU", c)))
            }
            c => c.map(|c| c as u32),
        };
        let strsize = opts.string_slot();
        let ring_size =
            next_pow2((opts.bufsize.max(4096) * ncpus as u64).min(1 << 30)).max(1 << 16);
        // Reading BTF costs start-up time: only when a clause needs it.
        let ppid = enabled
            .iter()
            .any(|c| c.uses(crate::check::ir::Builtin::Ppid) || crate::check::subr::uses_task(c));
        let (task_real_parent, task_tgid) = if ppid {
            (task_offset("real_parent"), task_offset("tgid"))
        } else {
            (None, None)
        };
        // Probes in ID order, each with its clauses in program order; slots and EPIDs.
        let mut by_probe: Vec<(u32, Vec<usize>)> = Vec::new();
        for (ci, c) in enabled.iter().enumerate() {
            for &p in &c.probes {
                match by_probe.iter_mut().find(|(id, _)| *id == p) {
                    Some((_, v)) => v.push(ci),
                    None => by_probe.push((p, vec![ci])),
                }
            }
        }
        by_probe.sort_by_key(|(id, _)| *id);
        let mut slot_base: Vec<u32> = Vec::new();
        let mut next_slot = 1u32;
        for (_, cls) in &by_probe {
            slot_base.push(next_slot);
            next_slot += cls.len() as u32 + 1; // the empty slot ending this probe's chain
        }
        let error_probe = (1..=3u32).find(|&id| {
            probes
                .get(id)
                .map(|p| p.kind == ProbeKind::Error)
                .unwrap_or(false)
        });
        let error_chain = by_probe
            .iter()
            .position(|(id, _)| Some(*id) == error_probe)
            .map(|pi| (pi, slot_base[pi]));
        let target = Target {
            strsize,
            ring_size,
            task_real_parent,
            task_tgid,
            dynvarsize: opts.dynvarsize,
            error_probe,
            error_slot: error_chain.map(|(_, s)| s),
            nspec: (opts.nspec as u32).clamp(1, crate::codegen::spec_layout::MAX_NSPEC),
            scratchsize: crate::codegen::scratch::scratch_size(opts),
            recbuf: crate::codegen::recbuf::RecBuf::Ring,
        };
        let (recbuf, dtrace_path) = crate::session_recbuf::choose(opts);
        let target = Target { recbuf, ..target };

        // Code for every clause, once.
        let (codes, target, dtrace_path): (Vec<ClauseCode>, _, _) =
            crate::session_recbuf::compile_all(enabled, syms, target, dtrace_path, opts)?;
        let disasm = crate::session_dis::listings(opts);
        if let Some(bits) = disasm {
            crate::session_dis::clauses(bits, enabled, &codes, syms);
        }
        let mut descs: Vec<Option<DataDesc>> = vec![None];
        for (pid, cls) in &by_probe {
            for &ci in cls {
                let code = &codes[ci];
                descs.push(Some(DataDesc {
                    epid: descs.len() as u32,
                    probe_id: *pid,
                    size: code.record_size.max(RECORD_HEADER_SIZE),
                    actions: code.actions.clone(),
                    guard: code.guard,
                }));
            }
            descs.push(None);
        }
        let nslots = descs.len() as u32;

        // Maps.
        let scratch = codes.iter().map(|c| c.scratch).max().unwrap_or(0);
        let mut maps: HashMap<MapRef, Map> = HashMap::new();
        maps.insert(
            MapRef::MState,
            Map::create(
                MapType::PercpuArray,
                4,
                mstate::SCRATCH + (scratch + 7) / 8 * 8,
                1,
                0,
                "dt_mstate",
            )?,
        );
        maps.insert(
            MapRef::Globals,
            Map::create(
                MapType::Array,
                4,
                syms.globals_size.max(8).div_ceil(8) * 8,
                1,
                0,
                "dt_globals",
            )?,
        );
        let strtab = Map::create(
            MapType::Array,
            4,
            (syms.strtab.len() as u32).max(8).div_ceil(8) * 8,
            1,
            0,
            "dt_strtab",
        )?;
        if !syms.strtab.is_empty() {
            let mut v = syms.strtab.clone();
            v.resize(strtab.value_size() as usize, 0);
            strtab.update(&0u32.to_ne_bytes(), &v, 0)?;
        }
        strtab.freeze()?;
        maps.insert(MapRef::StrTab, strtab);
        let max_record = codes.iter().map(|c| c.record_size).max().unwrap_or(0);
        output::create_maps(
            target.recbuf,
            ring_size,
            max_record.max(crate::codegen::fault::fault_record::SIZE),
            &mut maps,
        )?;
        let st = Map::create(MapType::Array, 4, state::SIZE, 1, 0, "dt_state")?;
        st.update(&0u32.to_ne_bytes(), &state_value(0), 0)?;
        maps.insert(MapRef::State, st);
        maps.insert(
            MapRef::Drops,
            Map::create(MapType::PercpuArray, 4, drops::SIZE, 1, 0, "dt_drops")?,
        );
        if enabled.iter().any(crate::check::subr::uses_strtok) {
            let size = crate::codegen::subr::state_size(strsize);
            let m = Map::create(MapType::PercpuArray, 4, size, 1, 0, "dt_subr")?;
            maps.insert(MapRef::SubrState, m);
        }
        if codes.iter().any(|c| c.uses_probe_names) {
            let names = Map::create(
                MapType::Hash,
                4,
                4 * strsize,
                by_probe.len().max(1) as u32,
                0,
                "dt_probenames",
            )?;
            for (pid, _) in &by_probe {
                if let Some(p) = probes.get(*pid) {
                    let mut v = vec![0u8; 4 * strsize as usize];
                    for (i, s) in [
                        &p.desc.provider,
                        &p.desc.module,
                        &p.desc.function,
                        &p.desc.name,
                    ]
                    .iter()
                    .enumerate()
                    {
                        let b = s.as_bytes();
                        let n = b.len().min(strsize as usize - 1);
                        v[i * strsize as usize..i * strsize as usize + n].copy_from_slice(&b[..n]);
                    }
                    names.update(&pid.to_ne_bytes(), &v, 0)?;
                }
            }
            maps.insert(MapRef::ProbeNames, names);
        }
        for (i, a) in syms.aggs.iter().enumerate() {
            let desc = agg_desc(syms, i as u32, strsize);
            let words = a.func.value_words() as u32;
            // An unkeyed aggregation is a hash too, of the one key 0: whether the key
            // exists tells an aggregation that never fired from one whose data is zero.
            let m = if a.keys.is_empty() {
                Map::create(
                    MapType::PercpuHash,
                    4,
                    words * 8,
                    1,
                    load::BPF_F_NO_PREALLOC,
                    "dt_agg",
                )?
            } else {
                let (_, ksize) = desc.key_layout();
                let entry = (ksize + words * 8 * ncpus as u32 + 64) as u64;
                let max = (opts.aggsize / entry).clamp(64, 1 << 22) as u32;
                // Not preallocated: preallocating the per-CPU elements of a map sized by
                // aggsize costs 30-50 ms of start-up per aggregation here, paid by every
                // script; inserting (and trunc() deleting) a million keys one by one through
                // the per-CPU allocator is slower instead, paid only by such scripts.
                Map::create(
                    MapType::PercpuHash,
                    ksize,
                    words * 8,
                    max,
                    load::BPF_F_NO_PREALLOC,
                    "dt_agg",
                )?
            };
            maps.insert(MapRef::Agg(i as u32), m);
        }
        for i in 0..syms.dyns.len() as u32 {
            let (ksize, vsize) = crate::codegen::vars::dyn_layout(syms, i, strsize);
            let cost = crate::codegen::vars::dyn_cost(ksize, vsize);
            let max = (opts.dynvarsize / cost).clamp(1, 1 << 22) as u32;
            maps.insert(
                MapRef::Dyn(i),
                Map::create(
                    MapType::Hash,
                    ksize,
                    vsize,
                    max,
                    load::BPF_F_NO_PREALLOC,
                    "dt_dynvar",
                )?,
            );
        }

        crate::consume::act::setup::create_maps(enabled, opts, &mut maps)?;
        let hist_words = syms
            .aggs
            .iter()
            .filter(|a| a.func.is_hist())
            .map(|a| a.func.value_words())
            .max();
        // Dynamic struct variables read missing elements from the zeroes and insert new ones
        // from them (codegen::vars).
        let dyn_zeroes = crate::codegen::vars::zeroes_size(syms, strsize);
        let hist_words = match (hist_words, dyn_zeroes) {
            (_, 0) => hist_words,
            (w, z) => Some(w.unwrap_or(0).max(z.div_ceil(8) as _)),
        };
        if let Some(w) = hist_words {
            let z = Map::create(MapType::Array, 4, (w * 8) as u32, 1, 0, "dt_zeroes")?;
            z.freeze()?;
            maps.insert(MapRef::Zeroes, z);
        }
        let agg_descs = (0..syms.aggs.len())
            .map(|i| agg_desc(syms, i as u32, strsize))
            .collect();

        // With the DTrace program type, `bpf_dtrace_call` runs each probe's first clause
        // from a flagged array of its own.
        if dtrace_path.is_some() {
            let flags = crate::dtrace_type::BPF_F_DTRACE_PROG_ARRAY;
            let m = Map::create(MapType::ProgArray, 4, 4, nslots, flags, "dt_calls")?;
            maps.insert(MapRef::DtraceCall, m);
        }
        // The run times vtimestamp reads, and the programs keeping them (clauses use the map).
        let vtime_keepers = vtime_table(enabled, &mut maps)?;
        // Clause programs: one copy per program type that needs it, in that type's prog array.
        let mut prog_arrays: HashMap<u32, ProgArray> = HashMap::new();
        let mut clause_progs = Vec::new();
        let mut loaded: HashMap<(usize, u32), usize> = HashMap::new();
        for (pi, (pid, cls)) in by_probe.iter().enumerate() {
            let probe = probes
                .get(*pid)
                .ok_or_else(|| Error::Other(format!("probe {} vanished", pid)))?;
            let ty = match dtrace_path {
                Some(_) => ProgType::Dtrace,
                None => prog_type(&probe.kind),
            };
            let tkey = ty.raw();
            if !prog_arrays.contains_key(&tkey) {
                prog_arrays.insert(tkey, ProgArray::create(nslots, "dt_clauses")?);
            }
            let pa_fd = prog_arrays[&tkey].fd();
            for (k, &ci) in cls.iter().enumerate() {
                let idx = match loaded.get(&(ci, tkey)) {
                    Some(&i) => i,
                    None => {
                        let insns = link(&codes[ci].insns, &codes[ci].relocs, &|m| {
                            fd_of(&maps, m, pa_fd)
                        });
                        if let Some(bits) = disasm {
                            let r = &codes[ci].relocs;
                            crate::session_dis::final_clause(bits, ci, &enabled[ci], &insns, r, syms);
                        }
                        let p = Program::load(ty, &insns, &format!("dt_clause_{}", ci), LICENSE)?;
                        clause_progs.push(p);
                        loaded.insert((ci, tkey), clause_progs.len() - 1);
                        clause_progs.len() - 1
                    }
                };
                prog_arrays[&tkey].set(slot_base[pi] + k as u32, &clause_progs[idx])?;
            }
        }
        // A fault tail-calls ERROR's clauses in the faulting program's own prog array: every
        // array gets a copy of them, and the resume program ending their chain.
        if let Some((epi, eslot)) = error_chain {
            let ecls = &by_probe[epi].1;
            let types: Vec<u32> = prog_arrays.keys().copied().collect();
            for tkey in types {
                let Some(ty) = [
                    ProgType::Tracepoint,
                    ProgType::PerfEvent,
                    ProgType::RawTracepoint,
                    ProgType::Kprobe,
                    ProgType::Dtrace,
                ]
                .into_iter()
                .find(|t| t.raw() == tkey) else {
                    continue;
                };
                let pa_fd = prog_arrays[&tkey].fd();
                for (k, &ci) in ecls.iter().enumerate() {
                    let idx = match loaded.get(&(ci, tkey)) {
                        Some(&i) => i,
                        None => {
                            let insns = link(&codes[ci].insns, &codes[ci].relocs, &|m| {
                                fd_of(&maps, m, pa_fd)
                            });
                            let p =
                                Program::load(ty, &insns, &format!("dt_clause_{}", ci), LICENSE)?;
                            clause_progs.push(p);
                            loaded.insert((ci, tkey), clause_progs.len() - 1);
                            clause_progs.len() - 1
                        }
                    };
                    prog_arrays[&tkey].set(eslot + k as u32, &clause_progs[idx])?;
                }
                let (insns, relocs) = crate::codegen::fault::resume_program();
                let insns = link(&insns, &relocs, &|m| fd_of(&maps, m, pa_fd));
                let p = Program::load(ty, &insns, "dt_resume", LICENSE)?;
                prog_arrays[&tkey].set(eslot + ecls.len() as u32, &p)?;
                clause_progs.push(p);
            }
        }

        if dtrace_path.is_some() {
            let calls = &maps[&MapRef::DtraceCall];
            for (pi, (_, cls)) in by_probe.iter().enumerate() {
                let Some(&idx) = loaded.get(&(cls[0], ProgType::Dtrace.raw())) else {
                    continue;
                };
                let fd = clause_progs[idx].fd() as u32;
                calls.update(&slot_base[pi].to_ne_bytes(), &fd.to_ne_bytes(), 0)?;
            }
        }

        // Receive probes that read their socket, and the table they look it up in.
        let (sock_lookups, mut keepers) = sock_table(&by_probe, enabled, probes, &mut maps)?;
        keepers.extend(vtime_keepers);

        // Stubs.
        let mut rawtp_btf = None;
        let mut stubs = Vec::new();
        let mut begin = None;
        let mut end_stub = None;
        for (pi, (pid, cls)) in by_probe.iter().enumerate() {
            let probe = probes.get(*pid).expect("probe exists");
            let args_used = cls.iter().fold(0u16, |m, &ci| m | enabled[ci].args_used());
            let errno_used = cls
                .iter()
                .any(|&ci| enabled[ci].uses(crate::check::ir::Builtin::Errno));
            let ty = prog_type(&probe.kind);
            let args = match &probe.kind {
                ProbeKind::SyscallEntry { event } if args_used != 0 => {
                    let nargs = tracefs::format("syscalls", &format!("sys_enter_{}", event))
                        .map(|f| f.args().filter(|a| a.name != "__syscall_nr").count() as u8)
                        .unwrap_or(6);
                    ArgSource::SyscallEntry {
                        offset: crate::provider::syscall::ARGS_OFFSET as i16,
                        nargs: nargs.min(6),
                    }
                }
                ProbeKind::SyscallEntry { .. } => ArgSource::None,
                ProbeKind::SyscallReturn { .. } => ArgSource::SyscallReturn {
                    offset: crate::provider::syscall::ARGS_OFFSET as i16,
                },
                ProbeKind::Profile { .. } => ArgSource::PerfEvent,
                ProbeKind::Sdt { .. } | ProbeKind::RawTp { .. } | ProbeKind::Uprobe(_) => {
                    crate::provider::args::source(&probe.kind, args_used, &mut rawtp_btf)
                }
                ProbeKind::Stable(st) => crate::provider::args::source(
                    &ProbeKind::RawTp { event: st.event.to_string() },
                    args_used,
                    &mut rawtp_btf,
                ),
                ProbeKind::FbtEntry { .. } => ArgSource::KprobeEntry,
                ProbeKind::FbtReturn { .. } => ArgSource::KprobeReturn,
                _ => ArgSource::None,
            };
            let spec = StubSpec {
                probe_id: *pid,
                slot: slot_base[pi],
                args,
                ignore_stop: probe.kind == ProbeKind::End,
                args_used,
                errno_used,
                dtrace_call: dtrace_path.map(|k| k.call),
                sock_lookup: sock_lookups.get(pid).copied(),
                // BEGIN, END and ERROR run where dtrace runs them, as DTrace's do.
                only_cpu: match probe.kind {
                    ProbeKind::Begin | ProbeKind::End | ProbeKind::Error => None,
                    _ => only_cpu,
                },
            };
            let (insns, relocs) =
                stub::generate(&spec).map_err(|e| Error::Other(format!("probe {}: {}", pid, e)))?;
            let pa_fd = prog_arrays.get(&ty.raw()).map(|p| p.fd()).unwrap_or(-1);
            let unlinked = insns;
            let insns = link(&unlinked, &relocs, &|m| fd_of(&maps, m, pa_fd));
            if let Some(bits) = disasm {
                let d = &probe.desc;
                let name = format!("{}:{}:{}:{}", d.provider, d.module, d.function, d.name);
                crate::session_dis::stub(bits, &name, &unlinked, &insns, &relocs, syms);
            }
            let p = Program::load(ty, &insns, &format!("dt_probe_{}", pid), LICENSE)?;
            match probe.kind {
                ProbeKind::Begin => begin = Some(p),
                ProbeKind::End => end_stub = Some(p),
                ProbeKind::Error => {}
                _ => stubs.push((*pid, p)),
            }
        }
        let keepers = keepers
            .into_iter()
            .map(|k| {
                let insns = link(&k.insns, &k.relocs, &|m| fd_of(&maps, m, -1));
                let p = Program::load(ProgType::RawTracepoint, &insns, k.name, LICENSE)?;
                Ok((k.event, k.optional, p))
            })
            .collect::<Result<Vec<_>>>()?;

        let ring = output::open(target.recbuf, &maps, opts.bufsize)?;
        let mut s = Session {
            maps,
            _prog_arrays: prog_arrays,
            _clause_progs: clause_progs,
            stubs,
            links: Vec::new(),
            only_cpu,
            tracepoint_links: 0,
            end_stub,
            keepers,
            keeper_links: Vec::new(),
            ring,
            descs,
            stopped: false,
            exiting: false,
            policy: crate::consume::policy::Policy::new(
                opts.other
                    .iter()
                    .rev()
                    .find(|(n, _)| n == "bufpolicy")
                    .and_then(|(_, v)| crate::consume::policy::Kind::parse(v.as_deref()?))
                    .unwrap_or(crate::consume::policy::Kind::Switch),
                opts.bufsize,
            ),
            reported_drops: vec![(0, 0); ncpus],
            reported_dyn: (0, 0),
            aggs_printed: false,
            act: crate::consume::act::ActState::new(opts.stackindent.min(1024) as usize),
            aggs: crate::aggregate::AggConsumer::new(agg_descs, opts),
        };
        s.set_wall_offset()?;
        s.attach_keepers()?;
        if s.maps.contains_key(&MapRef::Vtime) {
            // A moment off the CPU, so that the vtimestamp keeper sees this thread switched
            // in and BEGIN reads its count, not the kernel's as of the last tick.
            std::thread::sleep(Duration::from_micros(1));
        }
        if let Some(b) = &begin {
            load::test_run_raw_tp(b, None, &[])?;
        }
        // exit() in BEGIN: nothing else needs attaching.
        if s.activity()? == 0 {
            s.attach_all(probes)?;
        }
        Ok(s)
    }

    fn set_wall_offset(&self) -> Result<()> {
        let mut mono = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        let mut real = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes into the timespecs we pass.
        unsafe {
            libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut mono);
            libc::clock_gettime(libc::CLOCK_REALTIME, &mut real);
        }
        let ns = |t: &libc::timespec| t.tv_sec as i64 * 1_000_000_000 + t.tv_nsec as i64;
        let off = ns(&real) - ns(&mono);
        let st = &self.maps[&MapRef::State];
        let mut v = state_value(self.activity()?);
        v[state::WALL_OFFSET as usize..state::WALL_OFFSET as usize + 8]
            .copy_from_slice(&off.to_ne_bytes());
        st.update(&0u32.to_ne_bytes(), &v, 0)?;
        Ok(())
    }

    fn activity(&self) -> Result<u32> {
        let mut v = vec![0u8; state::SIZE as usize];
        self.maps[&MapRef::State].lookup(&0u32.to_ne_bytes(), &mut v)?;
        Ok(u32::from_ne_bytes(v[0..4].try_into().unwrap()))
    }

    /// The hidden programs go first, before BEGIN, so that every clause (on the same
    /// tracepoint too) sees what they keep.
    fn attach_keepers(&mut self) -> Result<()> {
        for (event, optional, prog) in &self.keepers {
            match attach::attach_raw_tracepoint(prog, event) {
                Ok(l) => self.keeper_links.push(l),
                Err(_) if *optional => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    fn attach_all(&mut self, probes: &ProbeTable) -> Result<()> {
        let cpus = match self.only_cpu {
            Some(c) => vec![c],
            None => load::online_cpus()?,
        };
        for (pid, prog) in &self.stubs {
            let probe = probes.get(*pid).expect("probe exists");
            match &probe.kind {
                ProbeKind::SyscallEntry { event } => {
                    self.links.push(attach::attach_tracepoint(
                        prog,
                        "syscalls",
                        &format!("sys_enter_{}", event),
                    )?);
                    self.tracepoint_links += 1;
                }
                ProbeKind::SyscallReturn { event } => {
                    self.links.push(attach::attach_tracepoint(
                        prog,
                        "syscalls",
                        &format!("sys_exit_{}", event),
                    )?);
                    self.tracepoint_links += 1;
                }
                ProbeKind::Sdt { group, event } => {
                    self.links
                        .push(attach::attach_tracepoint(prog, group, event)?);
                    self.tracepoint_links += 1;
                }
                ProbeKind::RawTp { event } => {
                    self.links.push(attach::attach_raw_tracepoint(prog, event)?);
                }
                ProbeKind::Stable(st) => {
                    self.links.push(attach::attach_raw_tracepoint(prog, st.event)?);
                }
                ProbeKind::Uprobe(u) => {
                    self.links.push(attach::attach_uprobe(
                        prog,
                        &u.path,
                        u.offset,
                        u.ret,
                        u.pid,
                        u.semaphore,
                    )?);
                }
                ProbeKind::Profile {
                    period_ns,
                    every_cpu,
                } => {
                    if *every_cpu {
                        for &c in &cpus {
                            self.links
                                .push(attach::attach_cpu_clock(prog, c, *period_ns)?);
                        }
                    } else {
                        let c = cpus.first().copied().unwrap_or(0);
                        self.links
                            .push(attach::attach_cpu_clock(prog, c, *period_ns)?);
                    }
                }
                ProbeKind::FbtEntry { symbol } | ProbeKind::FbtReturn { symbol } => {
                    let ret = matches!(probe.kind, ProbeKind::FbtReturn { .. });
                    self.links.push(attach::attach_kprobe(prog, symbol, ret)?);
                    // Unregistering a kprobe waits for RCU too: detach in the background.
                    self.tracepoint_links += 1;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Stop tracing: no probe fires after this returns except END, which runs now.
    pub fn stop(&mut self) -> Result<()> {
        if self.stopped {
            return Ok(());
        }
        self.stopped = true;
        let st = &self.maps[&MapRef::State];
        let mut v = vec![0u8; state::SIZE as usize];
        st.lookup(&0u32.to_ne_bytes(), &mut v)?;
        v[0..4].copy_from_slice(&1u32.to_ne_bytes());
        st.update(&0u32.to_ne_bytes(), &v, 0)?;
        // Closing a syscall tracepoint's last perf event waits for RCU under a kernel-wide
        // mutex (tens of ms each). The stubs already ignore firings, so a helper process can
        // finish that teardown while we run END and exit.
        let links = std::mem::take(&mut self.links);
        if self.tracepoint_links > 0 {
            attach::detach_in_background(links);
        } else {
            attach::detach_all(links);
        }
        if let Some(e) = &self.end_stub {
            load::test_run_raw_tp(e, None, &[])?;
        }
        attach::detach_all(std::mem::take(&mut self.keeper_links));
        Ok(())
    }

    pub fn work(
        &mut self,
        out: &mut dyn Write,
        h: &mut dyn ConsumeHandler,
        probes: &ProbeTable,
        opts: &Options,
    ) -> Result<WorkStatus> {
        if !self.stopped && self.ring.pending_bytes() == 0 {
            let wait = Duration::from_nanos(opts.switchrate.clamp(1_000_000, 1_000_000_000));
            self.ring.poll(wait)?;
        }
        self.consume(out, h, probes, opts)?;
        self.report_drops(h)?;
        self.remember_user_stacks();
        if !self.stopped && (self.exiting || self.activity()? != 0) {
            self.stop()?;
            self.consume(out, h, probes, opts)?;
        }
        if self.stopped {
            self.consume(out, h, probes, opts)?;
            self.print_kept(out, h, probes, opts)?;
            self.report_drops(h)?;
            return Ok(WorkStatus::Done);
        }
        Ok(WorkStatus::Okay)
    }

    fn consume(
        &mut self,
        out: &mut dyn Write,
        h: &mut dyn ConsumeHandler,
        probes: &ProbeTable,
        opts: &Options,
    ) -> Result<()> {
        let mut redirect = self.act.take_redirect();
        let mut p = RecordPrinter::new(&self.descs, probes, &mut self.act, &mut self.aggs, &self.maps, opts);
        let policy = &mut self.policy;
        let mut filled = false;
        let mut err: Option<std::io::Error> = None;
        self.ring.consume(|data| {
            if data.len() < RECORD_HEADER_SIZE as usize {
                return ControlFlow::Continue(());
            }
            let epid = u32::from_ne_bytes(data[0..4].try_into().unwrap());
            if epid == crate::codegen::fault::FAULT_EPID {
                fault_record(data, p.descs, p.probes, h);
                return ControlFlow::Continue(());
            }
            if policy.kind() != crate::consume::policy::Kind::Switch {
                let cpu = u32::from_ne_bytes(data[4..8].try_into().unwrap());
                let end = p
                    .descs
                    .get(epid as usize)
                    .and_then(|d| d.as_ref())
                    .and_then(|d| p.probes.get(d.probe_id))
                    .is_some_and(|pr| pr.kind == ProbeKind::End);
                match policy.admit(cpu, data, end) {
                    Admit::Print => {}
                    Admit::Kept => return ControlFlow::Continue(()),
                    Admit::Full => {
                        filled = true;
                        return ControlFlow::Continue(());
                    }
                }
            }
            print_record(&mut p, data, out, h, &mut redirect, &mut err)
        })?;
        let exiting = p.exiting;
        self.act.put_redirect(redirect);
        if exiting || filled {
            self.exiting = true;
        }
        write_error(err)
    }

    /// Print what a ring buffer policy kept, once tracing has stopped.
    fn print_kept(
        &mut self,
        out: &mut dyn Write,
        h: &mut dyn ConsumeHandler,
        probes: &ProbeTable,
        opts: &Options,
    ) -> Result<()> {
        let kept = self.policy.take_kept();
        if kept.is_empty() {
            return Ok(());
        }
        let mut redirect = self.act.take_redirect();
        let mut p = RecordPrinter::new(&self.descs, probes, &mut self.act, &mut self.aggs, &self.maps, opts);
        let mut err: Option<std::io::Error> = None;
        for data in &kept {
            if print_record(&mut p, data, out, h, &mut redirect, &mut err).is_break() {
                break;
            }
        }
        self.act.put_redirect(redirect);
        write_error(err)
    }

    fn report_drops(&mut self, h: &mut dyn ConsumeHandler) -> Result<()> {
        self.act.report_drops(self.maps.get(&MapRef::Spec), h);
        let Some(v) = self.maps[&MapRef::Drops].lookup_percpu(&0u32.to_ne_bytes())? else {
            return Ok(());
        };
        let per = v.len() / self.reported_drops.len().max(1);
        for (cpu, seen) in self.reported_drops.iter_mut().enumerate() {
            let b = &v[cpu * per..];
            let buf = u64::from_ne_bytes(b[0..8].try_into().unwrap());
            let agg = u64::from_ne_bytes(b[8..16].try_into().unwrap());
            if buf > seen.0 {
                let n = buf - seen.0;
                h.drop(&format!("{} on CPU {}", crate::consume::count_of(n, "drop"), cpu));
            }
            if agg > seen.1 {
                let n = agg - seen.1;
                h.drop(&format!("{} on CPU {}", crate::consume::count_of(n, "aggregation drop"), cpu));
            }
            *seen = (buf, agg);
        }
        // Dynamic variable drops and errors in ERROR clauses are reported for all CPUs
        // together, as DTrace's status does.
        let word = |cpu: usize, off: i16| {
            let b = &v[cpu * per + off as usize..cpu * per + off as usize + 8];
            u64::from_ne_bytes(b.try_into().unwrap())
        };
        let n = self.reported_drops.len();
        let dyn_total: u64 = (0..n).map(|c| word(c, drops::DYN)).sum();
        let dbl_total: u64 = (0..n).map(|c| word(c, drops::DBLERR)).sum();
        if dyn_total > self.reported_dyn.0 {
            let d = dyn_total - self.reported_dyn.0;
            h.drop(&crate::consume::count_of(d, "dynamic variable drop"));
        }
        if dbl_total > self.reported_dyn.1 {
            let d = dbl_total - self.reported_dyn.1;
            h.drop(&format!("{} in ERROR probe enabling", crate::consume::count_of(d, "error")));
        }
        self.reported_dyn = (dyn_total, dbl_total);
        Ok(())
    }

    /// User stacks in aggregation keys are symbolized while their processes still run (their
    /// mappings are gone once they exit, and keys are printed at the end).
    fn remember_user_stacks(&mut self) {
        let maps = &self.maps;
        self.aggs.remember_user_stacks(&|id| maps.get(&MapRef::Agg(id)));
    }

    pub fn aggregate_print(
        &mut self,
        out: &mut dyn Write,
        syms: &Symbols,
        opts: &Options,
    ) -> Result<()> {
        if self.aggs_printed {
            return Ok(());
        }
        self.aggs_printed = true;
        let _ = (syms, opts);
        let mut text = Vec::new();
        let maps = &self.maps;
        let lookup = |id: u32| maps.get(&MapRef::Agg(id));
        self.aggs.print_unprinted(&mut text, &lookup)?;
        out.write_all(&text).map_err(|e| {
            Error::Sys(SysError::Os {
                what: "writing output".into(),
                source: e,
            })
        })?;
        Ok(())
    }
}

/// Print one record (and the speculations it commits) through `p`; `Break` stops consuming.
fn print_record(
    p: &mut RecordPrinter,
    data: &[u8],
    out: &mut dyn Write,
    h: &mut dyn ConsumeHandler,
    redirect: &mut Option<std::fs::File>,
    err: &mut Option<std::io::Error>,
) -> ControlFlow<()> {
    let out: &mut dyn Write = match redirect.as_mut() {
        Some(f) => f,
        None => out,
    };
    let mut flow = p.record(data, out, h, false);
    // The speculations this record committed print after it, in their order.
    for committed in p.act.take_committed() {
        if !matches!(flow, Ok(ControlFlow::Continue(()))) {
            break;
        }
        flow = p.record(&committed, out, h, true);
    }
    match flow {
        Ok(ControlFlow::Continue(())) => {}
        Ok(ControlFlow::Break(())) => return ControlFlow::Break(()),
        Err(e) => {
            *err = Some(e);
            return ControlFlow::Break(());
        }
    }
    p.act.apply_freopen(redirect);
    ControlFlow::Continue(())
}

fn write_error(err: Option<std::io::Error>) -> Result<()> {
    match err {
        Some(e) => Err(Error::Sys(SysError::Os {
            what: "writing output".into(),
            source: e,
        })),
        None => Ok(()),
    }
}

/// Turn a fault record into DTrace's error message.
fn fault_record(
    data: &[u8],
    descs: &[Option<DataDesc>],
    probes: &ProbeTable,
    h: &mut dyn ConsumeHandler,
) {
    use crate::codegen::fault::{fault_message, fault_record as fr};
    if data.len() < fr::SIZE as usize {
        return;
    }
    let u32_at = |o: usize| u32::from_ne_bytes(data[o..o + 4].try_into().unwrap());
    let epid = u32_at(fr::EPID);
    let action = u32_at(fr::ACTION);
    let kind = u32_at(fr::KIND);
    let value = u64::from_ne_bytes(data[fr::VALUE..fr::VALUE + 8].try_into().unwrap());
    let Some(Some(desc)) = descs.get(epid as usize) else {
        return;
    };
    let Some(probe) = probes.get(desc.probe_id) else {
        return;
    };
    h.error(&fault_message(epid, &probe.desc, action, kind, value));
}

fn state_value(activity: u32) -> Vec<u8> {
    let mut v = vec![0u8; state::SIZE as usize];
    v[0..4].copy_from_slice(&activity.to_ne_bytes());
    v
}

fn fd_of(maps: &HashMap<MapRef, Map>, m: MapRef, prog_array: i32) -> i32 {
    match m {
        MapRef::ProgArray => prog_array,
        _ => maps.get(&m).map(|m| m.fd()).unwrap_or(-1),
    }
}

/// The consumer's description of aggregation `id`.
pub fn agg_desc(syms: &Symbols, id: u32, strsize: u32) -> crate::aggregate::AggDesc {
    let a = &syms.aggs[id as usize];
    crate::aggregate::AggDesc {
        id,
        name: a.name.clone(),
        func: a.func,
        keys: a.key_kinds(strsize),
    }
}

/// The receive probes among `by_probe` whose clauses read their socket (`arg1`), with the
/// table layout and protocol their stubs look it up with; and, when there are any, the table
/// (created in `maps`) and the programs keeping it. Without BTF there are none: `arg1` is 0.
#[allow(clippy::type_complexity)]
fn sock_table(
    by_probe: &[(u32, Vec<usize>)],
    enabled: &[TClause],
    probes: &ProbeTable,
    maps: &mut HashMap<MapRef, Map>,
) -> Result<(
    HashMap<u32, (crate::codegen::socktab::Layout, u8)>,
    Vec<crate::codegen::socktab::Keeper>,
)> {
    use crate::codegen::socktab;
    let wanted: Vec<(u32, u8)> = by_probe
        .iter()
        .filter_map(|(pid, cls)| {
            let ProbeKind::Stable(st) = &probes.get(*pid)?.kind else {
                return None;
            };
            let proto = crate::provider::netpkt::receive_protocol(st)?;
            let used = cls.iter().fold(0u16, |m, &ci| m | enabled[ci].args_used());
            (used & 2 != 0).then_some((*pid, proto))
        })
        .collect();
    let layout = match wanted.is_empty() {
        true => None,
        false => socktab::Layout::from_vmlinux(),
    };
    let Some(layout) = layout else {
        return Ok((HashMap::new(), Vec::new()));
    };
    let has = |proto| wanted.iter().any(|w| w.1 == proto);
    let keepers =
        socktab::keepers(&layout, has(6), has(17)).map_err(|e| Error::Other(e.to_string()))?;
    maps.insert(
        MapRef::SockTab,
        Map::create(
            MapType::LruHash,
            socktab::KEY_SIZE,
            8,
            socktab::MAX_SOCKETS,
            0,
            "dt_socktab",
        )?,
    );
    Ok((wanted.into_iter().map(|(p, proto)| (p, (layout, proto))).collect(), keepers))
}

/// When a clause reads `vtimestamp`: the map of the threads' run times (created in `maps`)
/// and the programs keeping it. Without BTF there are none (codegen refused `vtimestamp`).
fn vtime_table(
    enabled: &[TClause],
    maps: &mut HashMap<MapRef, Map>,
) -> Result<Vec<crate::codegen::keeper::Keeper>> {
    use crate::codegen::vtime;
    if !enabled.iter().any(|c| c.uses(crate::check::ir::Builtin::Vtimestamp)) {
        return Ok(Vec::new());
    }
    let Some(layout) = vtime::Layout::from_vmlinux() else {
        return Ok(Vec::new());
    };
    let m = Map::create(
        MapType::LruHash,
        vtime::KEY_SIZE,
        vtime::VALUE_SIZE,
        vtime::MAX_THREADS,
        0,
        "dt_vtime",
    )?;
    maps.insert(MapRef::Vtime, m);
    vtime::keepers(&layout).map_err(|e| Error::Other(e.to_string()))
}

/// Byte offset of a member of `struct task_struct`, from the kernel's BTF.
fn task_offset(member: &str) -> Option<u32> {
    crate::btf_offsets::task_member(member)
}
