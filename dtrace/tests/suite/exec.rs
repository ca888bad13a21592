//! Running one command as a user would, with a time limit: pinned to CPU 0 (so BEGIN's CPU
//! column is 0), in its own process group (so a timeout, or a test's leftovers, can be killed
//! as a whole), output captured.

use std::collections::HashMap;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The exit status, or None when killed by a signal.
    pub status: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
}

/// The CPU tests run on: 0, or DTRACE_SUITE_CPU (for running one long test, such as the VM
/// lane's, beside other work without taking CPU 0 from it; outputs that show BEGIN's CPU then
/// differ).
fn test_cpu() -> usize {
    std::env::var("DTRACE_SUITE_CPU")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&c: &usize| c < libc::CPU_SETSIZE as usize)
        .unwrap_or(0)
}

fn pin(cpu: usize) -> std::io::Result<()> {
    // SAFETY: a zeroed cpu_set_t is empty; we set one CPU and apply it to this process.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Run `cmd` with stdin from /dev/null, for at most `limit`.
pub fn run(mut cmd: Command, limit: Duration) -> std::io::Result<Output> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    // Read before fork: the environment is not safe to read between fork and exec.
    let cpu = test_cpu();
    // SAFETY: pin only makes a system call, which is fine between fork and exec.
    unsafe { cmd.pre_exec(move || pin(cpu)) };
    let mut child = cmd.spawn()?;
    let pgid = child.id() as i32;
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait()? {
            break st;
        }
        if start.elapsed() > limit {
            timed_out = true;
            // SAFETY: signalling the process group we created for this test.
            unsafe { libc::kill(-pgid, libc::SIGKILL) };
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    // Whatever the test left running in its group goes too, so the pipes close.
    // SAFETY: as above.
    unsafe { libc::kill(-pgid, libc::SIGKILL) };
    use std::os::unix::process::ExitStatusExt;
    Ok(Output {
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
        status: status.code(),
        signal: status.signal(),
        timed_out,
    })
}

static TRIGGERS: Mutex<Option<HashMap<String, PathBuf>>> = Mutex::new(None);

/// Build test-suite/triggers/NAME.c once, into `outdir`, and return the program's path.
pub fn trigger(root: &Path, outdir: &Path, name: &str) -> Result<PathBuf, String> {
    let mut guard = TRIGGERS.lock().unwrap_or_else(|e| e.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if let Some(p) = map.get(name) {
        return Ok(p.clone());
    }
    let src = root.join("test-suite/triggers").join(format!("{}.c", name));
    if !src.exists() {
        return Err(format!("no trigger source {}", src.display()));
    }
    std::fs::create_dir_all(outdir).map_err(|e| e.to_string())?;
    let bin = outdir.join(name);
    let o = Command::new("cc")
        .args(["-O2", "-Wall", "-o"])
        .arg(&bin)
        .arg(&src)
        .output()
        .map_err(|e| format!("cannot run cc to build trigger {}: {}", name, e))?;
    if !o.status.success() {
        return Err(format!(
            "building trigger {} failed:\n{}",
            name,
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    map.insert(name.to_string(), bin.clone());
    Ok(bin)
}

/// A line diff of expected and actual text, each line quoted so trailing blanks show.
pub fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    let mut s = String::from("--- expected\n+++ actual\n");
    if a.len() * b.len() > 4_000_000 {
        s.push_str("(too long to diff)\n");
        return s;
    }
    // Longest common subsequence table, from the end.
    let mut l = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            s.push_str(&format!(" {:?}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || l[i][j + 1] >= l[i + 1][j]) {
            s.push_str(&format!("+{:?}\n", b[j]));
            j += 1;
        } else {
            s.push_str(&format!("-{:?}\n", a[i]));
            i += 1;
        }
    }
    s
}

/// Self-tests of this module, run as trials of the suite.
pub fn self_test() -> Result<(), String> {
    let d = diff("a\nb\nc\n", "a\nc\nd\n");
    let want = "--- expected\n+++ actual\n \"a\\n\"\n-\"b\\n\"\n \"c\\n\"\n+\"d\\n\"\n";
    if d != want {
        return Err(format!("diff:\n{}", d));
    }
    let mut c = Command::new("sh");
    c.args([
        "-c",
        &format!(
            "echo out; echo err >&2; grep -c '^Cpus_allowed_list:\t{}$' /proc/self/status; exit 3",
            test_cpu()
        ),
    ]);
    let o = run(c, Duration::from_secs(10)).map_err(|e| e.to_string())?;
    if o.stdout != b"out\n1\n" || o.stderr != b"err\n" || o.status != Some(3) || o.timed_out {
        return Err(format!(
            "run: {:?} {:?} {:?}",
            String::from_utf8_lossy(&o.stdout),
            o.stderr,
            o.status
        ));
    }
    let mut c = Command::new("sh");
    c.args(["-c", "sleep 100 & sleep 100"]);
    let t = Instant::now();
    let o = run(c, Duration::from_millis(300)).map_err(|e| e.to_string())?;
    if !o.timed_out || o.signal != Some(libc::SIGKILL) || t.elapsed() > Duration::from_secs(5) {
        return Err("timeout did not kill the group".into());
    }
    Ok(())
}
