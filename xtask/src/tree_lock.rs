//! One driver at a time in a build tree: two `make`s started together (or
//! `make` and `make check`) would otherwise copy the archives and write
//! `build.d` and the stamp over each other.  cargo's own lock covers its
//! target directory only.
//!
//! An OS lock on a file (`flock` on Unix, an open without sharing on
//! Windows): the OS drops it when the process dies, so a killed make never
//! leaves a stale lock.  `File::lock` would do, but it needs Rust 1.89 and
//! the driver builds with 1.74.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Held while the driver works; dropping it unlocks.
pub struct TreeLock {
    _file: File,
}

/// Waits for the lock `path` (created if missing), saying so when another
/// driver holds it.
pub fn lock(path: &Path) -> Result<TreeLock, String> {
    let fail = |e: io::Error| {
        format!(
            "cannot lock {}: {e}\nfix: the build directory must be writable; \
             run make as the user who configured it",
            path.display()
        )
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let file = os::lock(path, &|| {
        println!(
            "  WAIT     another make is building in this tree ({} is locked)",
            path.display()
        );
    })
    .map_err(fail)?;
    Ok(TreeLock { _file: file })
}

/// The lock file is opened for writing, created when missing, never
/// truncated (another driver holds it open).
fn lock_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    options
}

#[cfg(unix)]
mod os {
    use std::fs::File;
    use std::io;
    use std::os::raw::c_int;
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    // The same values on Linux, the BSDs and macOS.
    const LOCK_EX: c_int = 2;
    const LOCK_NB: c_int = 4;

    extern "C" {
        fn flock(fd: c_int, operation: c_int) -> c_int;
    }

    pub fn lock(path: &Path, waiting: &dyn Fn()) -> io::Result<File> {
        let file = super::lock_file_options().open(path)?;
        let fd = file.as_raw_fd();
        // SAFETY: flock only reads the descriptor, which `file` keeps open.
        if unsafe { flock(fd, LOCK_EX | LOCK_NB) } == 0 {
            return Ok(file);
        }
        let busy = io::Error::last_os_error();
        if busy.kind() != io::ErrorKind::WouldBlock {
            return Err(busy);
        }
        waiting();
        loop {
            // SAFETY: as above.
            if unsafe { flock(fd, LOCK_EX) } == 0 {
                return Ok(file);
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

#[cfg(windows)]
mod os {
    use std::fs::File;
    use std::io;
    use std::os::windows::fs::OpenOptionsExt;
    use std::path::Path;
    use std::time::Duration;

    const ERROR_SHARING_VIOLATION: i32 = 32;

    /// A file opened with no sharing is locked until its handle closes.
    pub fn lock(path: &Path, waiting: &dyn Fn()) -> io::Result<File> {
        let mut said = false;
        loop {
            match super::lock_file_options().share_mode(0).open(path) {
                Err(e) if e.raw_os_error() == Some(ERROR_SHARING_VIOLATION) => {
                    if !said {
                        waiting();
                        said = true;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                other => return other,
            }
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod os {
    use std::fs::File;
    use std::io;
    use std::path::Path;

    /// No file locks here: one make at a time.
    pub fn lock(path: &Path, _waiting: &dyn Fn()) -> io::Result<File> {
        super::lock_file_options().open(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = std::env::temp_dir().join(format!("xtask-lock-{}", std::process::id()));
        let path = dir.join("build.lock");
        let first = lock(&path).unwrap();
        let (tx, rx) = mpsc::channel();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let _second = lock(&path).unwrap();
                tx.send(()).unwrap();
            })
        };
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "the second lock was taken while the first was held"
        );
        drop(first);
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the second lock was not taken after the first was dropped");
        waiter.join().unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
