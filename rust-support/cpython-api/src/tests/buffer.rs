//! Buffers: a `bytes` object is read in place, any other exporter copied
//! when read, after whatever Python code ran since it was acquired.

use super::{python, Namespace};
use crate::buffer::{BufferSlot, BytesLike};
use crate::types::PyBytes;

#[test]
fn bytes_are_read_in_place() {
    python(|py| {
        let ns = Namespace::new(py);
        let data = ns.eval("b'immutable'").unwrap();
        let mut slot = BufferSlot::default();
        let mut view = BytesLike::acquire(&mut slot, data.as_borrowed()).unwrap();
        assert!(view.is_immutable());
        let read = view.read().unwrap();
        assert_eq!(read, b"immutable");
        let own = data.as_borrowed().downcast::<PyBytes>().unwrap().as_bytes();
        assert_eq!(
            read.as_ptr(),
            own.as_ptr(),
            "the bytes object's own storage"
        );
    });
}

#[test]
fn a_bytearray_is_read_as_it_is_when_read() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("data = bytearray(b'before')").unwrap();
        let data = ns.get("data");
        let mut slot = BufferSlot::default();
        let mut view = BytesLike::acquire(&mut slot, data).unwrap();
        assert!(!view.is_immutable(), "a mutable exporter is copied");
        // What an argument's __index__ may do between acquiring and reading.
        ns.exec("data[:] = b'after!'").unwrap();
        let read = view.read().unwrap();
        assert_eq!(read, b"after!", "the bytes as C would read them now");
        // The copy is the Rust code's own: later writes do not reach it.
        ns.exec("data[:] = b'later!'").unwrap();
        assert_eq!(read, b"after!");
    });
}

#[test]
fn the_export_is_held_until_the_slot_drops() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("data = bytearray(b'held')").unwrap();
        {
            let mut slot = BufferSlot::default();
            let _view = BytesLike::acquire(&mut slot, ns.get("data")).unwrap();
            let err = ns.exec("data.clear()").expect_err("exported");
            assert_eq!(
                super::describe(&ns, err),
                "BufferError: Existing exports of data: object cannot be re-sized"
            );
        }
        ns.exec("data.clear()").unwrap();
    });
}

#[test]
fn a_memoryview_of_a_bytearray_is_copied() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("base = bytearray(b'abc'); view = memoryview(base)")
            .unwrap();
        let mut slot = BufferSlot::default();
        let mut view = BytesLike::acquire(&mut slot, ns.get("view")).unwrap();
        assert!(!view.is_immutable());
        ns.exec("base[0] = ord('x')").unwrap();
        assert_eq!(view.read().unwrap(), b"xbc");
    });
}

#[test]
fn only_bytes_itself_skips_the_buffer_protocol() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("class Sub(bytes): pass\nexact = b'x'\nsub = Sub(b'x')\narray = bytearray(b'x')")
            .unwrap();
        assert!(ns.get("exact").is_exact_bytes());
        assert!(
            !ns.get("sub").is_exact_bytes(),
            "a subclass may have __buffer__"
        );
        assert!(!ns.get("array").is_exact_bytes());
        assert!(!ns.get("Sub").is_exact_bytes(), "a type is not bytes");
        // A subclass is read through its buffer: bytes' own storage still.
        let mut slot = BufferSlot::default();
        let mut view = BytesLike::acquire(&mut slot, ns.get("sub")).unwrap();
        assert!(view.is_immutable());
        assert_eq!(view.read().unwrap(), b"x");
    });
}
