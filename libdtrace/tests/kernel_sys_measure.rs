//! Timings of the kernel interface layer, printed, not asserted (run with
//! `cargo test -p libdtrace --test kernel_sys_measure -- --ignored --nocapture --test-threads=1`).

use std::time::{Duration, Instant};

use libdtrace::attach::{self, tracefs, AttachMethod, Link};
use libdtrace::codegen::insn::*;
use libdtrace::load::*;

fn small_prog(name: &str, rb: &Map, counts: &Map) -> Program {
    let mut v: Vec<Insn> = Vec::new();
    v.push(Insn::st(BPF_W, FP, -4, 0));
    v.extend(Insn::ld_map_fd(R1, counts.fd()));
    v.push(Insn::mov64_reg(R2, FP));
    v.push(Insn::alu64_imm(BPF_ADD, R2, -4));
    v.push(Insn::call(helper::MAP_LOOKUP_ELEM));
    v.push(Insn::jmp_imm(BPF_JEQ, R0, 0, 2));
    v.push(Insn::mov64_imm(R1, 1));
    v.push(Insn::atomic_add(BPF_DW, R0, 0, R1));
    v.extend(Insn::ld_map_fd(R1, rb.fd()));
    v.push(Insn::mov64_imm(R2, 16));
    v.push(Insn::mov64_imm(R3, 0));
    v.push(Insn::call(helper::RINGBUF_RESERVE));
    v.push(Insn::jmp_imm(BPF_JEQ, R0, 0, 5));
    v.push(Insn::st(BPF_DW, R0, 0, 1));
    v.push(Insn::st(BPF_DW, R0, 8, 2));
    v.push(Insn::mov64_reg(R1, R0));
    v.push(Insn::mov64_imm(R2, BPF_RB_NO_WAKEUP));
    v.push(Insn::call(helper::RINGBUF_SUBMIT));
    v.push(Insn::mov64_imm(R0, 0));
    v.push(Insn::exit());
    Program::load(ProgType::RawTracepoint, &v, name, "GPL").unwrap()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

#[test]
#[ignore = "measurement"]
fn startup_maps_and_programs() {
    for round in 0..5 {
        let t0 = Instant::now();
        let maps = vec![
            Map::create(MapType::RingBuf, 0, 0, 4 << 20, 0, "rb").unwrap(),
            Map::create(MapType::PercpuArray, 4, 8, 1, 0, "counts").unwrap(),
            Map::create(MapType::PercpuArray, 4, 4096, 1, 0, "mstate").unwrap(),
            Map::create(MapType::Array, 4, 4096, 1, 0, "globals").unwrap(),
            Map::create(MapType::Hash, 16, 8, 65536, BPF_F_NO_PREALLOC, "tvars").unwrap(),
            Map::create(
                MapType::PercpuHash,
                64,
                32,
                65536,
                BPF_F_NO_PREALLOC,
                "aggs",
            )
            .unwrap(),
            Map::create(MapType::Hash, 64, 64, 65536, BPF_F_NO_PREALLOC, "assoc").unwrap(),
            Map::create(MapType::PercpuArray, 4, 8192, 1, 0, "scratch").unwrap(),
            Map::create(MapType::ProgArray, 4, 4, 64, 0, "clauses").unwrap(),
            Map::create(MapType::Array, 4, 8, 16, 0, "probes").unwrap(),
        ];
        let t1 = Instant::now();
        let progs: Vec<Program> = (0..10)
            .map(|i| small_prog(&format!("p{}", i), &maps[0], &maps[1]))
            .collect();
        let t2 = Instant::now();
        test_run_raw_tp(&progs[0], None, &[]).unwrap();
        let t3 = Instant::now();
        drop(progs);
        drop(maps);
        let t4 = Instant::now();
        println!(
            "round {}: 10 maps {}, 10 programs {}, one test run {}, drop all {}",
            round,
            ms(t1 - t0),
            ms(t2 - t1),
            ms(t3 - t2),
            ms(t4 - t3)
        );
    }
}

fn attach_n(prog: &Program, events: &[String], how: AttachMethod) -> (Vec<Link>, Duration) {
    let t0 = Instant::now();
    let links = events
        .iter()
        .map(|e| attach::attach_tracepoint_with(prog, "syscalls", e, how).unwrap())
        .collect();
    (links, t0.elapsed())
}

fn wait_gone(id: u32) -> Duration {
    let t0 = Instant::now();
    while prog_id_exists(id).unwrap() {
        std::thread::sleep(Duration::from_millis(1));
    }
    t0.elapsed()
}

#[test]
#[ignore = "measurement"]
fn attach_and_detach_100_tracepoints() {
    let events: Vec<String> = tracefs::events("syscalls")
        .unwrap()
        .into_iter()
        .filter(|e| e.starts_with("sys_enter_"))
        .take(100)
        .collect();
    assert_eq!(events.len(), 100);
    let v = [Insn::mov64_imm(R0, 0), Insn::exit()];
    // Warm tracefs' dentries so every variant pays the same.
    {
        let prog = Program::load(ProgType::Tracepoint, &v, "empty", "GPL").unwrap();
        let (l, _) = attach_n(&prog, &events, AttachMethod::Ioctl);
        attach::detach_all(l);
    }
    type Detach = fn(Vec<Link>);
    let variants: [(&str, AttachMethod, Detach); 6] = [
        ("ioctl, drop one by one", AttachMethod::Ioctl, |l| drop(l)),
        (
            "ioctl, detach_all_with(1 thread)",
            AttachMethod::Ioctl,
            |l| attach::detach_all_with(l, 1, true),
        ),
        (
            "ioctl, detach_all_with(4 threads)",
            AttachMethod::Ioctl,
            |l| attach::detach_all_with(l, 4, true),
        ),
        (
            "ioctl, detach_all (32 threads)",
            AttachMethod::Ioctl,
            attach::detach_all,
        ),
        (
            "bpf_link, detach_all (32 threads)",
            AttachMethod::BpfLink { cookie: 0 },
            attach::detach_all,
        ),
        (
            "ioctl, detach_in_background",
            AttachMethod::Ioctl,
            attach::detach_in_background,
        ),
    ];
    for (what, how, detach) in variants {
        let prog = Program::load(ProgType::Tracepoint, &v, "empty", "GPL").unwrap();
        let id = prog.id().unwrap();
        let (links, ta) = attach_n(&prog, &events, how);
        drop(prog);
        let t0 = Instant::now();
        detach(links);
        let td = t0.elapsed();
        let tg = wait_gone(id);
        println!(
            "{}: attach 100 {}; detach returns after {}; program freed {} later",
            what,
            ms(ta),
            ms(td),
            ms(tg)
        );
    }
}

#[test]
#[ignore = "measurement"]
fn attach_and_detach_100_raw_tracepoints() {
    let v = [Insn::mov64_imm(R0, 0), Insn::exit()];
    let prog = Program::load(ProgType::RawTracepoint, &v, "empty_raw", "GPL").unwrap();
    let id = prog.id().unwrap();
    let mut names = Vec::new();
    for g in tracefs::groups().unwrap() {
        if g == "syscalls" || g == "ftrace" {
            continue;
        }
        names.extend(tracefs::events(&g).unwrap());
    }
    let t0 = Instant::now();
    let mut links = Vec::new();
    for n in &names {
        if links.len() == 100 {
            break;
        }
        if let Ok(l) = attach::attach_raw_tracepoint(&prog, n) {
            links.push(l);
        }
    }
    let ta = t0.elapsed();
    let n = links.len();
    drop(prog);
    let t1 = Instant::now();
    drop(links);
    let td = t1.elapsed();
    println!(
        "{} raw tracepoints: attach {} (incl. failed names); drop one by one {}; program freed {} later",
        n,
        ms(ta),
        ms(td),
        ms(wait_gone(id))
    );
}

#[test]
#[ignore = "measurement"]
fn does_disable_stop_a_tracepoint_program() {
    let counts = Map::create(MapType::Array, 4, 8, 1, 0, "cnt").unwrap();
    let mut v: Vec<Insn> = vec![Insn::st(BPF_W, FP, -4, 0)];
    v.extend(Insn::ld_map_fd(R1, counts.fd()));
    v.extend([
        Insn::mov64_reg(R2, FP),
        Insn::alu64_imm(BPF_ADD, R2, -4),
        Insn::call(helper::MAP_LOOKUP_ELEM),
        Insn::jmp_imm(BPF_JEQ, R0, 0, 2),
        Insn::mov64_imm(R1, 1),
        Insn::atomic_add(BPF_DW, R0, 0, R1),
        Insn::mov64_imm(R0, 0),
        Insn::exit(),
    ]);
    let prog = Program::load(ProgType::Tracepoint, &v, "cnt", "GPL").unwrap();
    for how in [AttachMethod::Ioctl, AttachMethod::BpfLink { cookie: 0 }] {
        counts
            .update(&0u32.to_ne_bytes(), &0u64.to_ne_bytes(), BPF_ANY)
            .unwrap();
        let link =
            attach::attach_tracepoint_with(&prog, "syscalls", "sys_enter_getppid", how).unwrap();
        link.disable().unwrap();
        for _ in 0..100 {
            // SAFETY: no preconditions.
            unsafe { libc::syscall(libc::SYS_getppid) };
        }
        let mut c = [0u8; 8];
        counts.lookup(&0u32.to_ne_bytes(), &mut c).unwrap();
        println!(
            "{:?}: after PERF_EVENT_IOC_DISABLE, 100 getppid calls ran the program {} times",
            how,
            u64::from_ne_bytes(c)
        );
    }
}
