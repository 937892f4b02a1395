//! A full disk, named as such: an I/O error's text plus the fix when the
//! file system ran out of space.

use std::io;
use std::path::Path;

/// `ENOSPC` on Linux, macOS and the BSDs; `ERROR_DISK_FULL` and
/// `ERROR_HANDLE_DISK_FULL` on Windows.  (`ErrorKind::StorageFull` needs
/// Rust 1.83.)
fn is_full(e: &io::Error) -> bool {
    match e.raw_os_error() {
        Some(code) if cfg!(windows) => code == 112 || code == 39,
        Some(code) => code == 28,
        None => false,
    }
}

/// The error, and when the disk is full the fix: `path` is where the write
/// went.
pub fn explain(e: &io::Error, path: &Path) -> String {
    if !is_full(e) {
        return e.to_string();
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    format!(
        "{e}\nfix: the file system holding {} is full: free space there \
         (`df -h {}` shows it), then run make again",
        dir.display(),
        dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_full_disk_gets_the_fix() {
        let full = io::Error::from_raw_os_error(if cfg!(windows) { 112 } else { 28 });
        let text = explain(&full, Path::new("rust/libx.a"));
        assert!(
            text.contains("fix: the file system holding rust is full"),
            "{text}"
        );
        let other = io::Error::new(io::ErrorKind::NotFound, "gone");
        assert_eq!(explain(&other, Path::new("rust/libx.a")), "gone");
    }
}
