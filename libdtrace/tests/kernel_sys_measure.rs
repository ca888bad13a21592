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
            Map::create(MapType::PercpuHash, 64, 32, 65536, BPF_F_NO_PREALLOC, "aggs").unwrap(),
            Map::create(MapType::Hash, 64, 64, 65536, BPF_F_NO_PREALLOC, "assoc").unwrap(),
            Map::create(MapType::PercpuArray, 4, 8192, 1, 0, "scratch").unwrap(),
            Map::create(MapType::ProgArray, 4, 4, 64, 0, "clauses").unwrap(),
            Map::create(MapType::Array, 4, 8, 16, 0, "probes").unwrap(),
        ];
        let t1 = Instant::now();
        let progs: Vec<Program> = (0..10).map(|i| small_prog(&format!("p{}", i), &maps[0], &maps[1])).collect();
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
    let links = events.iter().map(|e| attach::attach_tracepoint_with(prog, "syscalls", e, how).unwrap()).collect();
    (links, t0.elapsed())
}

#[test]
#[ignore = "measurement"]
fn attach_and_detach_100_tracepoints() {
    let events: Vec<String> =
        tracefs::events("syscalls").unwrap().into_iter().filter(|e| e.starts_with("sys_enter_")).take(100).collect();
    assert_eq!(events.len(), 100);
    let v = [Insn::mov64_imm(R0, 0), Insn::exit()];
    let prog = Program::load(ProgType::Tracepoint, &v, "empty", "GPL").unwrap();
    // Warm tracefs' dentries so every variant pays the same.
    let (l, _) = attach_n(&prog, &events, AttachMethod::Ioctl);
    attach::detach_all(l);
    for round in 0..2 {
        for how in [AttachMethod::Ioctl, AttachMethod::BpfLink { cookie: 0 }] {
            let variants: [(&str, usize, bool); 6] = [
                ("drop one by one", 1, false),
                ("disable all, then close on 1 thread", 1, true),
                ("disable all, close on 4 threads", 4, true),
                ("disable all, close on 16 threads", 16, true),
                ("disable all, close on 32 threads", 32, true),
                ("disable all, close on 100 threads", 100, true),
            ];
            for (what, threads, disable) in variants {
                let (links, ta) = attach_n(&prog, &events, how);
                let t0 = Instant::now();
                attach::detach_all_with(links, threads, disable);
                println!("round {} {:?}: attach 100: {}; detach ({}): {}", round, how, ms(ta), what, ms(t0.elapsed()));
            }
        }
    }
}
