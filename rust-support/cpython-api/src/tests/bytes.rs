//! Building bytes: the length a writer reports is checked against what
//! was allocated (it was a debug assertion).

use super::{describe, python, Namespace};
use crate::bytes::BytesBuilder;
use crate::types::PyBytes;
use core::mem::MaybeUninit;

#[test]
fn finish_keeps_what_was_written() {
    python(|py| {
        let mut builder = BytesBuilder::new(py, 8).unwrap();
        for (slot, byte) in builder.spare().iter_mut().zip(b"abc") {
            *slot = MaybeUninit::new(*byte);
        }
        let bytes = builder.finish(3).unwrap();
        assert_eq!(bytes.as_borrowed().as_bytes(), b"abc");
    });
}

#[test]
fn finish_past_the_capacity_is_an_error_not_a_read_past_it() {
    python(|py| {
        let ns = Namespace::new(py);
        let builder = BytesBuilder::new(py, 4).unwrap();
        let err = builder.finish(5).expect_err("5 > 4");
        assert_eq!(
            describe(&ns, err),
            "SystemError: bad argument to internal function"
        );
    });
}

#[test]
fn from_written_past_the_buffer_is_an_error() {
    python(|py| {
        let ns = Namespace::new(py);
        let buffer = [MaybeUninit::new(b'x'); 2];
        assert_eq!(
            PyBytes::from_written(py, &buffer, 2)
                .unwrap()
                .as_borrowed()
                .as_bytes(),
            b"xx"
        );
        let err = PyBytes::from_written(py, &buffer, 3).expect_err("3 > 2");
        assert_eq!(
            describe(&ns, err),
            "SystemError: bad argument to internal function"
        );
    });
}
