//! Load: the bpf(2) system call: maps and programs.
//!
//! bpf(2) is called directly (no libbpf): the few commands we need are laid out in `sys`, and
//! every object is owned by a type whose drop closes its descriptor. Nothing is pinned and every
//! descriptor is close-on-exec, so when the process dies, however it dies, the kernel frees it all.

mod cpus;
mod fdlimit;
mod funcinfo;
mod map;
mod prog;
pub(crate) mod sys;

pub use cpus::{online_cpus, parse_cpu_list, possible_cpus};
pub use fdlimit::raise_nofile_limit;
pub use map::{Map, MapType, ProgArray, BPF_ANY, BPF_EXIST, BPF_F_NO_PREALLOC, BPF_NOEXIST};
pub use prog::{prog_id_exists, test_run_raw_tp, ProgType, Program};
