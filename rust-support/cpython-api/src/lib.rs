//! Thin safe layer over `cpython-sys`: the seed of CPython's internal Rust API.
//!
//! It mirrors what CPython's own C modules use — multi-phase module
//! definitions, per-module state, Argument Clinic's parsing helpers — so a
//! Rust module behaves exactly like the C module it replaces.  Everything
//! here assumes the caller holds the GIL (or is attached to the
//! interpreter, in free-threaded builds).

#![no_std]

pub use cpython_sys as ffi;

pub mod args;
pub mod buffer;
pub mod bytes;
pub mod convert;
pub mod cstr;
mod entry;
pub mod error;
pub mod gil;
pub mod module;
pub mod object;
pub mod runtime;
pub mod state;
pub mod unicode;
pub mod version;

pub use error::{PyResult, Raised};
pub use object::Owned;
