//! The version of the CPython being built, for behaviour that differs
//! between versions (compile-time constants: dead branches vanish).

use crate::ffi;

pub const MAJOR: u32 = ffi::PY_MAJOR_VERSION;
pub const MINOR: u32 = ffi::PY_MINOR_VERSION;

/// True when the CPython being built is `major.minor` or newer.
pub const fn at_least(major: u32, minor: u32) -> bool {
    MAJOR > major || (MAJOR == major && MINOR >= minor)
}
