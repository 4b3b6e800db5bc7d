//! Correlation ids stay unique across `fork()`: a child does not repeat the
//! ids of its parent (a pre-forking server, a test harness that forks).
#![cfg(unix)]

use rest_error::CorrelationId;

/// Ids made after the fork by each side, compared.
const IDS: usize = 8;

fn ids() -> Vec<String> {
    (0..IDS).map(|_| CorrelationId::new().to_string()).collect()
}

#[test]
fn a_forked_child_makes_other_ids_than_its_parent() {
    // The parent's generator is in use before the fork, as in a server.
    let before = ids();
    let mut fds = [0; 2];
    // SAFETY: `fds` is a valid array of two file descriptors for pipe(2) to fill.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    let [read_end, write_end] = fds;
    // SAFETY: the child only makes ids, writes them to the pipe and calls
    // _exit, without returning into the test harness.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork");
    if pid == 0 {
        let text = ids().join("\n");
        // SAFETY: writes `text`'s bytes to the pipe's write end, then leaves
        // the child without running the parent's destructors or atexit handlers.
        unsafe {
            libc::write(write_end, text.as_ptr().cast(), text.len());
            libc::_exit(0);
        }
    }
    // SAFETY: the parent closes its copy of the write end, so the read below ends.
    unsafe { libc::close(write_end) };
    let parent = ids();
    let mut child = Vec::new();
    let mut buf = [0_u8; 4096];
    loop {
        // SAFETY: reads at most `buf.len()` bytes into `buf`.
        let n = unsafe { libc::read(read_end, buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            break;
        }
        child.extend_from_slice(&buf[..n as usize]);
    }
    let mut status = 0;
    // SAFETY: waits for the child forked above.
    unsafe {
        libc::close(read_end);
        libc::waitpid(pid, &mut status, 0);
    }
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    let child: Vec<String> = String::from_utf8(child)
        .expect("ids are ASCII")
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(child.len(), IDS, "{child:?}");

    let mut all: Vec<&String> = before.iter().chain(&parent).chain(&child).collect();
    let count = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(
        all.len(),
        count,
        "parent {parent:?} and child {child:?} repeat an id"
    );
    for id in &child {
        assert!(CorrelationId::parse(id).is_ok_and(|parsed| parsed.as_str().len() == 36));
    }
}
