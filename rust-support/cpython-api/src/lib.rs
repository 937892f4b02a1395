//! The internal Rust API for CPython's modules: safe by construction.
//!
//! Module crates (`binascii`, ...) carry `#![forbid(unsafe_code)]`; every
//! `unsafe` block is here (or in `cpython-sys`), each with a `// SAFETY:`
//! comment. What the types guarantee:
//!
//! - [`Python<'py>`](python::Python) proves an attached thread state; only
//!   the API's trampolines make one, for the length of a call;
//! - handles ([`Owned`], [`Borrowed`])
//!   carry that lifetime and are neither `Send` nor `Sync`:
//!   [`allow_threads`](python::Python::allow_threads) takes a `Send`
//!   closure, so no object is touched while detached;
//! - a [`PyErr`] is an exception as a value: it cannot be forged, and a
//!   function cannot return a value with an exception set;
//! - buffers whose memory may change are copied before Rust reads them
//!   ([`buffer`]); module state is shared and `Sync` ([`state`]);
//! - [`function!`] declares a function once: parser, conversions,
//!   docstring and method-table row, exact to Argument Clinic's.
//!
//! docs/design.md, "The Rust API", compares it with PyO3 and Argument
//! Clinic.

#![no_std]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

extern crate alloc;

pub use cpython_sys as ffi;

pub mod args;
pub mod buffer;
pub mod bytes;
pub mod class;
pub mod convert;
pub mod cstr;
pub mod dict;
pub mod env;
pub mod error;
pub mod exc;
pub mod float;
pub mod function;
pub mod import;
pub mod int;
pub mod list;
pub mod module;
pub mod object;
pub mod parse;
pub mod python;
pub mod recursion;
mod refcount;
pub mod runtime;
pub mod seq;
pub mod state;
pub mod str;
pub mod sync;
pub mod tuple;
pub mod types;
pub mod version;

pub use error::{PyErr, PyResult};
pub use object::{Borrowed, Owned, Py, PyAny};
pub use python::Python;

#[cfg(all(test, cpython_embed))]
extern crate std;
#[cfg(all(test, cpython_embed))]
mod tests;
