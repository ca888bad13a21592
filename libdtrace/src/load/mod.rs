//! Load: the bpf(2) system call: maps and programs.
