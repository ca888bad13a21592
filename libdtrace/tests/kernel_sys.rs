//! The kernel interface layer against the real kernel (run as root): maps, program loading,
//! test runs, tail calls, tracepoint and CPU-clock attachment, the ring buffer consumer, and the
//! kernel's cleanup after `kill -9`.

use std::io::{BufRead, BufReader};
use std::ops::ControlFlow;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use libdtrace::attach::{self, tracefs};
use libdtrace::codegen::insn::*;
use libdtrace::consume::ringbuf::RingBuf;
use libdtrace::load::*;
use libdtrace::SysError;

const GPL: &str = "GPL";

fn tid() -> u32 {
    // SAFETY: gettid has no preconditions.
    unsafe { libc::gettid() as u32 }
}

fn getppid_syscall() {
    // SAFETY: getppid has no preconditions; called through syscall(2) so nothing caches it.
    unsafe { libc::syscall(libc::SYS_getppid) };
}

/// Pin the calling thread to one CPU; returns false when that CPU cannot be used.
fn pin_to(cpu: usize) -> bool {
    // SAFETY: a zeroed cpu_set_t is a valid empty set; the calls only read it.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) == 0
    }
}

fn unpin() {
    // SAFETY: as above.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        for c in 0..possible_cpus() {
            libc::CPU_SET(c, &mut set);
        }
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
}

/// A tiny assembler: instructions plus forward jumps to a common exit label.
#[derive(Default)]
struct Asm {
    insns: Vec<Insn>,
    exits: Vec<usize>,
}

impl Asm {
    fn i(&mut self, insn: Insn) -> &mut Self {
        self.insns.push(insn);
        self
    }
    fn ii(&mut self, pair: [Insn; 2]) -> &mut Self {
        self.insns.extend_from_slice(&pair);
        self
    }
    /// `if dst <op> imm goto out`.
    fn jmp_out(&mut self, op: u8, dst: Reg, imm: i32) -> &mut Self {
        self.exits.push(self.insns.len());
        self.i(Insn::jmp_imm(op, dst, imm, 0))
    }
    /// Place the `out` label: `r0 = ret; exit`.
    fn out(&mut self, ret: i32) -> Vec<Insn> {
        let here = self.insns.len();
        for &j in &self.exits {
            self.insns[j].off = (here - j - 1) as i16;
        }
        self.i(Insn::mov64_imm(R0, ret)).i(Insn::exit());
        std::mem::take(&mut self.insns)
    }
    /// `if (u32)current_tid != tid goto out` (clobbers r0-r5).
    fn only_tid(&mut self, tid: u32) -> &mut Self {
        self.i(Insn::call(helper::GET_CURRENT_PID_TGID))
            .i(Insn::alu64_imm(BPF_LSH, R0, 32))
            .i(Insn::alu64_imm(BPF_RSH, R0, 32))
            .jmp_out(BPF_JNE, R0, tid as i32)
    }
    /// Reserve `size` bytes of `rb` into r9, or goto out.
    fn reserve(&mut self, rb: &Map, size: i32) -> &mut Self {
        self.ii(Insn::ld_map_fd(R1, rb.fd()))
            .i(Insn::mov64_imm(R2, size))
            .i(Insn::mov64_imm(R3, 0))
            .i(Insn::call(helper::RINGBUF_RESERVE))
            .jmp_out(BPF_JEQ, R0, 0)
            .i(Insn::mov64_reg(R9, R0))
    }
    fn submit(&mut self) -> &mut Self {
        self.i(Insn::mov64_reg(R1, R9))
            .i(Insn::mov64_imm(R2, BPF_RB_NO_WAKEUP))
            .i(Insn::call(helper::RINGBUF_SUBMIT))
    }
}

fn ringbuf(size: u32) -> Map {
    Map::create(MapType::RingBuf, 0, 0, size, 0, "test_rb").unwrap()
}

fn drain_u64s(rb: &mut RingBuf) -> Vec<Vec<u64>> {
    let mut out = Vec::new();
    rb.consume(|rec| {
        out.push(
            rec.chunks_exact(8)
                .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
                .collect(),
        );
        ControlFlow::Continue(())
    })
    .unwrap();
    out
}

const MAGIC: i32 = 0x0d7ace;

#[test]
fn hash_map_crud_and_iteration() {
    let m = Map::create(MapType::Hash, 4, 8, 64, 0, "test_hash").unwrap();
    assert_eq!((m.key_size(), m.value_size(), m.max_entries()), (4, 8, 64));
    let mut v = [0u8; 8];
    assert!(!m.lookup(&1u32.to_ne_bytes(), &mut v).unwrap());
    for k in 0u32..10 {
        m.update(
            &k.to_ne_bytes(),
            &(k as u64 * 100).to_ne_bytes(),
            BPF_NOEXIST,
        )
        .unwrap();
    }
    assert!(m.update(&3u32.to_ne_bytes(), &[0; 8], BPF_NOEXIST).is_err());
    assert!(m.update(&99u32.to_ne_bytes(), &[0; 8], BPF_EXIST).is_err());
    assert!(m.lookup(&7u32.to_ne_bytes(), &mut v).unwrap());
    assert_eq!(u64::from_ne_bytes(v), 700);
    assert!(m.delete(&7u32.to_ne_bytes()).unwrap());
    assert!(!m.delete(&7u32.to_ne_bytes()).unwrap());
    let mut keys = Vec::new();
    let mut cur: Option<[u8; 4]> = None;
    let mut next = [0u8; 4];
    while m.next_key(cur.as_ref().map(|c| &c[..]), &mut next).unwrap() {
        keys.push(u32::from_ne_bytes(next));
        cur = Some(next);
    }
    keys.sort();
    assert_eq!(keys, [0, 1, 2, 3, 4, 5, 6, 8, 9]);
    // Bad sizes are errors, not panics.
    assert!(m.update(&[0; 3], &[0; 8], BPF_ANY).is_err());
    assert!(m.lookup(&[0; 4], &mut [0; 7]).is_err());
}

#[test]
fn frozen_array_refuses_user_writes() {
    let m = Map::create(MapType::Array, 4, 16, 1, 0, "test_frozen").unwrap();
    m.update(&0u32.to_ne_bytes(), &[7; 16], BPF_ANY).unwrap();
    m.freeze().unwrap();
    assert!(m.update(&0u32.to_ne_bytes(), &[8; 16], BPF_ANY).is_err());
    let mut v = [0u8; 16];
    assert!(m.lookup(&0u32.to_ne_bytes(), &mut v).unwrap());
    assert_eq!(v, [7; 16]);
}

#[test]
fn percpu_values_have_one_aligned_slot_per_possible_cpu() {
    let n = possible_cpus();
    let m = Map::create(MapType::PercpuArray, 4, 4, 2, 0, "test_pcpu").unwrap();
    assert_eq!(m.user_value_size(), n * 8);
    let v = m.lookup_percpu(&1u32.to_ne_bytes()).unwrap().unwrap();
    assert_eq!(v.len(), n * 8);
    let h = Map::create(MapType::PercpuHash, 8, 12, 16, 0, "test_pcpuh").unwrap();
    let mut val = vec![0u8; n * 16];
    for c in 0..n {
        val[c * 16..c * 16 + 4].copy_from_slice(&(c as u32 + 10).to_ne_bytes());
    }
    h.update(&5u64.to_ne_bytes(), &val, BPF_ANY).unwrap();
    let got = h.lookup_percpu(&5u64.to_ne_bytes()).unwrap().unwrap();
    assert_eq!(got.len(), n * 16);
    for c in 0..n {
        assert_eq!(
            u32::from_ne_bytes(got[c * 16..c * 16 + 4].try_into().unwrap()),
            c as u32 + 10
        );
    }
    assert_eq!(h.lookup_percpu(&6u64.to_ne_bytes()).unwrap(), None);
    // A plain map has no per-CPU view.
    assert!(Map::create(MapType::Hash, 4, 4, 1, 0, "h")
        .unwrap()
        .lookup_percpu(&[0; 4])
        .is_err());
}

#[test]
fn batch_lookup_snapshots_every_element() {
    let n = 20_000u32;
    let m = Map::create(MapType::Hash, 4, 8, n, BPF_F_NO_PREALLOC, "test_batch").unwrap();
    for k in 0..n {
        m.update(&k.to_ne_bytes(), &(k as u64 * 3).to_ne_bytes(), BPF_ANY)
            .unwrap();
    }
    let (keys, vals) = m.lookup_batch_all().unwrap();
    assert_eq!(keys.len(), n as usize * 4);
    assert_eq!(vals.len(), n as usize * 8);
    let mut seen = vec![false; n as usize];
    for (k, v) in keys.chunks_exact(4).zip(vals.chunks_exact(8)) {
        let k = u32::from_ne_bytes(k.try_into().unwrap());
        assert_eq!(u64::from_ne_bytes(v.try_into().unwrap()), k as u64 * 3);
        assert!(!seen[k as usize]);
        seen[k as usize] = true;
    }
    assert!(seen.iter().all(|&s| s));

    let cpus = possible_cpus();
    let p = Map::create(MapType::PercpuHash, 4, 8, 1000, 0, "test_batchp").unwrap();
    for k in 0..700u32 {
        let v: Vec<u8> = (0..cpus)
            .flat_map(|c| (k as u64 * 10 + c as u64).to_ne_bytes())
            .collect();
        p.update(&k.to_ne_bytes(), &v, BPF_ANY).unwrap();
    }
    let (keys, vals) = p.lookup_batch_all().unwrap();
    assert_eq!(keys.len(), 700 * 4);
    assert_eq!(vals.len(), 700 * 8 * cpus);
    for (k, v) in keys.chunks_exact(4).zip(vals.chunks_exact(8 * cpus)) {
        let k = u32::from_ne_bytes(k.try_into().unwrap()) as u64;
        for c in 0..cpus {
            assert_eq!(
                u64::from_ne_bytes(v[c * 8..c * 8 + 8].try_into().unwrap()),
                k * 10 + c as u64
            );
        }
    }
    // An empty map is an empty snapshot.
    let e = Map::create(MapType::Hash, 4, 8, 10, 0, "test_empty").unwrap();
    assert_eq!(e.lookup_batch_all().unwrap(), (vec![], vec![]));
}

#[test]
fn map_of_maps_takes_an_inner_map() {
    let inner = Map::create(MapType::Array, 4, 8, 4, 0, "inner").unwrap();
    let outer = Map::create_of_maps(MapType::ArrayOfMaps, 4, 2, &inner, 0, "outer").unwrap();
    outer
        .update(
            &0u32.to_ne_bytes(),
            &(inner.fd() as u32).to_ne_bytes(),
            BPF_ANY,
        )
        .unwrap();
}

#[test]
fn verifier_rejection_carries_the_log() {
    // Reading r0 before writing it: the verifier says "R0 !read_ok".
    let e = Program::load(ProgType::RawTracepoint, &[Insn::exit()], "bad_prog", GPL).unwrap_err();
    match e {
        SysError::Verifier { name, log, .. } => {
            assert_eq!(name, "bad_prog");
            assert!(log.contains("R0 !read_ok"), "log: {}", log);
        }
        other => panic!("expected a verifier error, got {:?}", other),
    }
}

#[test]
fn tracepoint_program_records_each_getppid_of_this_thread() {
    let rb_map = ringbuf(1 << 20);
    let mut rb = RingBuf::new(&rb_map).unwrap();
    let me = tid();
    let mut a = Asm::default();
    a.only_tid(me)
        .reserve(&rb_map, 16)
        .i(Insn::st(BPF_DW, R9, 0, MAGIC))
        .i(Insn::call(helper::GET_CURRENT_PID_TGID))
        .i(Insn::stx(BPF_DW, R9, 8, R0))
        .submit();
    let prog = Program::load(ProgType::Tracepoint, &a.out(0), "getppid_rb", GPL).unwrap();
    let link = attach::attach_tracepoint(&prog, "syscalls", "sys_enter_getppid").unwrap();
    const N: usize = 5000;
    for _ in 0..N {
        getppid_syscall();
    }
    let recs = drain_u64s(&mut rb);
    drop(link);
    assert_eq!(recs.len(), N);
    for r in &recs {
        assert_eq!(r[0], MAGIC as u64);
        assert_eq!(r[1] as u32, me);
        assert_eq!((r[1] >> 32) as u32, std::process::id());
    }
    // Detached: nothing more arrives.
    getppid_syscall();
    assert_eq!(drain_u64s(&mut rb).len(), 0);
    assert_eq!(rb.pending_bytes(), 0);
}

#[test]
fn tracepoint_attached_on_cpu0_fires_on_other_cpus() {
    let online = online_cpus().unwrap();
    let Some(&other) = online.iter().find(|&&c| c != 0) else {
        eprintln!("one CPU only: nothing to check");
        return;
    };
    let rb_map = ringbuf(1 << 16);
    let mut rb = RingBuf::new(&rb_map).unwrap();
    let mut a = Asm::default();
    a.only_tid(tid())
        .reserve(&rb_map, 8)
        .i(Insn::call(helper::GET_SMP_PROCESSOR_ID))
        .i(Insn::stx(BPF_DW, R9, 0, R0))
        .submit();
    let prog = Program::load(ProgType::Tracepoint, &a.out(0), "getppid_cpu", GPL).unwrap();
    let link = attach::attach_tracepoint(&prog, "syscalls", "sys_enter_getppid").unwrap();
    assert!(pin_to(other as usize));
    for _ in 0..100 {
        getppid_syscall();
    }
    unpin();
    drop(link);
    let recs = drain_u64s(&mut rb);
    assert_eq!(recs.len(), 100);
    assert!(recs.iter().all(|r| r[0] == other as u64), "{:?}", recs);
}

/// A raw tracepoint program for test runs: records (MAGIC + tag, args[0]) and returns args[0] + 1.
fn raw_tp_recorder(rb: &Map, tag: i32) -> Program {
    let mut a = Asm::default();
    a.i(Insn::ldx(BPF_DW, R6, R1, 0))
        .reserve(rb, 24)
        .i(Insn::st(BPF_DW, R9, 0, MAGIC + tag))
        .i(Insn::stx(BPF_DW, R9, 8, R6))
        .i(Insn::call(helper::GET_SMP_PROCESSOR_ID))
        .i(Insn::stx(BPF_DW, R9, 16, R0))
        .submit()
        .i(Insn::mov64_reg(R0, R6))
        .i(Insn::alu64_imm(BPF_ADD, R0, 1))
        .i(Insn::exit());
    Program::load(ProgType::RawTracepoint, &a.out(0), "begin_like", GPL).unwrap()
}

#[test]
fn test_run_raw_tp_runs_on_the_requested_cpu() {
    let rb_map = ringbuf(1 << 16);
    let mut rb = RingBuf::new(&rb_map).unwrap();
    let prog = raw_tp_recorder(&rb_map, 0);
    assert_eq!(test_run_raw_tp(&prog, None, &[42]).unwrap(), 43);
    let recs = drain_u64s(&mut rb);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0][..2], [MAGIC as u64, 42]);
    for cpu in online_cpus().unwrap() {
        assert_eq!(
            test_run_raw_tp(&prog, Some(cpu), &[cpu as u64 + 100]).unwrap(),
            cpu + 101
        );
        let recs = drain_u64s(&mut rb);
        assert_eq!(recs, vec![vec![MAGIC as u64, cpu as u64 + 100, cpu as u64]]);
    }
    // More than 12 arguments, or reading an argument that is not passed, is refused.
    assert!(test_run_raw_tp(&prog, None, &[0; 13]).is_err());
    assert!(test_run_raw_tp(&prog, None, &[]).is_err());
}

#[test]
fn test_run_raw_tp_tail_calls_into_a_prog_array() {
    let rb_map = ringbuf(1 << 16);
    let mut rb = RingBuf::new(&rb_map).unwrap();
    let table = ProgArray::create(4, "test_pa").unwrap();
    let target = raw_tp_recorder(&rb_map, 1);
    table.set(2, &target).unwrap();
    // Tail-call slot args[1]; when the slot is empty the call falls through and we return 1000.
    let mut a = Asm::default();
    a.i(Insn::mov64_reg(R6, R1))
        .i(Insn::ldx(BPF_DW, R3, R6, 8))
        .i(Insn::mov64_reg(R1, R6))
        .ii(Insn::ld_map_fd(R2, table.fd()))
        .i(Insn::call(helper::TAIL_CALL));
    let stub = Program::load(ProgType::RawTracepoint, &a.out(1000), "stub", GPL).unwrap();
    assert_eq!(test_run_raw_tp(&stub, None, &[7, 2]).unwrap(), 8);
    assert_eq!(drain_u64s(&mut rb)[0][..2], [MAGIC as u64 + 1, 7]);
    assert_eq!(test_run_raw_tp(&stub, None, &[7, 3]).unwrap(), 1000);
    assert!(table.clear(2).unwrap());
    assert_eq!(test_run_raw_tp(&stub, None, &[7, 2]).unwrap(), 1000);
    assert!(drain_u64s(&mut rb).is_empty());
}

#[test]
fn ring_buffer_skips_discarded_records_and_survives_wraparound() {
    // One page of ring, 40-byte records (48 with the header): records straddle the end.
    let rb_map = ringbuf(4096);
    let mut rb = RingBuf::new(&rb_map).unwrap();
    let mut a = Asm::default();
    a.i(Insn::ldx(BPF_DW, R6, R1, 0))
        // A reserved-then-discarded record before each real one.
        .reserve(&rb_map, 16)
        .i(Insn::mov64_reg(R1, R9))
        .i(Insn::mov64_imm(R2, BPF_RB_NO_WAKEUP))
        .i(Insn::call(helper::RINGBUF_DISCARD))
        .reserve(&rb_map, 40)
        .i(Insn::stx(BPF_DW, R9, 0, R6))
        .i(Insn::stx(BPF_DW, R9, 32, R6))
        .submit();
    let prog = Program::load(ProgType::RawTracepoint, &a.out(0), "wrap", GPL).unwrap();
    let mut next = 0u64;
    for round in 0..40u64 {
        for i in 0..25 {
            test_run_raw_tp(&prog, None, &[round * 25 + i]).unwrap();
        }
        for r in drain_u64s(&mut rb) {
            assert_eq!(r.len(), 5);
            assert_eq!((r[0], r[4]), (next, next));
            next += 1;
        }
    }
    assert_eq!(next, 1000);
    // Breaking out of consume leaves the rest for the next call.
    for i in 0..3 {
        test_run_raw_tp(&prog, None, &[i]).unwrap();
    }
    assert_eq!(rb.consume(|_| ControlFlow::Break(())).unwrap(), 1);
    assert_eq!(drain_u64s(&mut rb).len(), 2);
}

#[test]
fn ring_buffer_poll_wakes_on_forced_wakeup() {
    let rb_map = ringbuf(1 << 16);
    let mut rb = RingBuf::new(&rb_map).unwrap();
    let mut a = Asm::default();
    a.reserve(&rb_map, 8)
        .i(Insn::st(BPF_DW, R9, 0, MAGIC))
        .i(Insn::mov64_reg(R1, R9))
        .i(Insn::mov64_imm(R2, BPF_RB_FORCE_WAKEUP))
        .i(Insn::call(helper::RINGBUF_SUBMIT));
    let prog = Program::load(ProgType::RawTracepoint, &a.out(0), "wake", GPL).unwrap();
    assert!(!rb.poll(Duration::from_millis(1)).unwrap());
    test_run_raw_tp(&prog, None, &[]).unwrap();
    assert!(rb.poll(Duration::from_secs(5)).unwrap());
    assert_eq!(drain_u64s(&mut rb), vec![vec![MAGIC as u64]]);
}

#[test]
fn cpu_clock_fires_at_about_the_requested_rate_on_its_cpu_only() {
    let counts = Map::create(MapType::PercpuArray, 4, 8, 1, 0, "test_ticks").unwrap();
    let mut a = Asm::default();
    a.i(Insn::st(BPF_W, FP, -4, 0))
        .ii(Insn::ld_map_fd(R1, counts.fd()))
        .i(Insn::mov64_reg(R2, FP))
        .i(Insn::alu64_imm(BPF_ADD, R2, -4))
        .i(Insn::call(helper::MAP_LOOKUP_ELEM))
        .jmp_out(BPF_JEQ, R0, 0)
        .i(Insn::mov64_imm(R1, 1))
        .i(Insn::atomic_add(BPF_DW, R0, 0, R1));
    let prog = Program::load(ProgType::PerfEvent, &a.out(0), "tick", GPL).unwrap();
    let period = Duration::from_millis(1);
    let link = attach::attach_cpu_clock(&prog, 0, period.as_nanos() as u64).unwrap();
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_millis(500));
    drop(link);
    let elapsed = t0.elapsed();
    let v = counts.lookup_percpu(&0u32.to_ne_bytes()).unwrap().unwrap();
    let per_cpu: Vec<u64> = v
        .chunks_exact(8)
        .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
        .collect();
    let expected = elapsed.as_nanos() as f64 / period.as_nanos() as f64;
    assert!(
        per_cpu[0] as f64 > expected * 0.3 && per_cpu[0] as f64 <= expected * 1.5,
        "{} ticks in {:?}",
        per_cpu[0],
        elapsed
    );
    assert!(per_cpu[1..].iter().all(|&c| c == 0), "{:?}", per_cpu);
}

const CHILD_ENV: &str = "LIBDTRACE_TEST_KILL9_CHILD";

/// Run by `killed_process_leaves_nothing_behind` in a child process: load, attach, report the
/// program id and wait to be killed.
#[test]
#[ignore = "helper run in a child process by killed_process_leaves_nothing_behind"]
fn kill9_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let mut a = Asm::default();
    let prog = Program::load(ProgType::Tracepoint, &a.out(0), "kill9_child", GPL).unwrap();
    let _link = attach::attach_tracepoint(&prog, "syscalls", "sys_enter_getppid").unwrap();
    println!("PROGID {}", prog.id().unwrap());
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn killed_process_leaves_nothing_behind() {
    let exe = std::env::current_exe().unwrap();
    struct KillOnDrop(std::process::Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "kill9_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut child = KillOnDrop(child);
    let mut id = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        // libtest prints the test's name on the same line.
        if let Some((_, n)) = line.split_once("PROGID ") {
            id = Some(n.trim().parse::<u32>().unwrap());
            break;
        }
    }
    let id = id.expect("child reported no program id");
    assert!(
        prog_id_exists(id).unwrap(),
        "program {} should be alive while the child runs",
        id
    );
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    // The program is freed after an RCU grace period once its last reference goes.
    let t0 = Instant::now();
    while prog_id_exists(id).unwrap() {
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "program {} outlived its killed process",
            id
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn tracefs_is_found() {
    let root = tracefs::root().unwrap();
    assert!(root.join("events").is_dir());
    assert!(tracefs::groups().unwrap().iter().any(|g| g == "syscalls"));
}

#[test]
fn raw_tracepoint_sys_enter_sees_each_getppid() {
    let rb_map = ringbuf(1 << 16);
    let mut rb = RingBuf::new(&rb_map).unwrap();
    // sys_enter's arguments: (struct pt_regs *regs, long id).
    let mut a = Asm::default();
    a.i(Insn::ldx(BPF_DW, R6, R1, 8))
        .jmp_out(BPF_JNE, R6, libc::SYS_getppid as i32)
        .only_tid(tid())
        .reserve(&rb_map, 8)
        .i(Insn::stx(BPF_DW, R9, 0, R6))
        .submit();
    let prog = Program::load(ProgType::RawTracepoint, &a.out(0), "raw_sys_enter", GPL).unwrap();
    let link = attach::attach_raw_tracepoint(&prog, "sys_enter").unwrap();
    assert_eq!(link.perf_fd(), None);
    for _ in 0..300 {
        getppid_syscall();
    }
    drop(link);
    getppid_syscall();
    let recs = drain_u64s(&mut rb);
    assert_eq!(recs.len(), 300);
    assert!(recs.iter().all(|r| r[0] == libc::SYS_getppid as u64));
    assert!(attach::attach_raw_tracepoint(&prog, "no_such_tracepoint").is_err());
}

#[test]
fn background_detach_returns_and_the_kernel_frees_everything() {
    let prog = Program::load(
        ProgType::Tracepoint,
        &Asm::default().out(0),
        "bg_detach",
        GPL,
    )
    .unwrap();
    let id = prog.id().unwrap();
    let links: Vec<_> = ["sys_enter_getppid", "sys_exit_getppid", "sys_enter_getpgid"]
        .iter()
        .map(|e| attach::attach_tracepoint(&prog, "syscalls", e).unwrap())
        .collect();
    drop(prog);
    assert!(prog_id_exists(id).unwrap());
    attach::detach_in_background(links);
    let t0 = Instant::now();
    while prog_id_exists(id).unwrap() {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "program {} still attached",
            id
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn detach_all_detaches_everything() {
    let prog = Program::load(
        ProgType::Tracepoint,
        &Asm::default().out(0),
        "detach_all",
        GPL,
    )
    .unwrap();
    let id = prog.id().unwrap();
    let links: Vec<_> = [
        "sys_enter_getppid",
        "sys_exit_getppid",
        "sys_enter_getpgid",
        "sys_exit_getpgid",
    ]
    .iter()
    .map(|e| attach::attach_tracepoint(&prog, "syscalls", e).unwrap())
    .collect();
    drop(prog);
    attach::detach_all(links);
    // All references are gone once detach_all returns; the id goes after an RCU grace period.
    let t0 = Instant::now();
    while prog_id_exists(id).unwrap() {
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "program {} still attached",
            id
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}
