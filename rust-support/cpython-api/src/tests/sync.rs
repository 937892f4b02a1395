//! PyMutex and critical sections.

use super::{python, Namespace};
use crate::sync::PyMutex;

static COUNTER: PyMutex<u64> = PyMutex::new(0);

#[test]
fn a_pymutex_serializes_threads() {
    let threads: std::vec::Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(|| {
                for _ in 0..100 {
                    python(|py| {
                        let mut count = COUNTER.lock(py);
                        let seen = *count;
                        // Let another thread run while the lock is held:
                        // it must wait, detached, not corrupt the count.
                        py.allow_threads(std::thread::yield_now);
                        *count = seen + 1;
                    });
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    python(|py| assert_eq!(*COUNTER.lock(py), 800));
}

#[test]
fn a_critical_section_runs_its_closure_once() {
    python(|py| {
        let ns = Namespace::new(py);
        let list = ns.eval("[1, 2]").unwrap();
        let mut runs = 0;
        let result = py.critical_section(list.as_borrowed(), || {
            runs += 1;
            runs * 10
        });
        assert_eq!((runs, result), (1, 10));
    });
}
