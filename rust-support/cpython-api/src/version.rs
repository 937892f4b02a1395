//! The version of the CPython being built, for behaviour that differs
//! between versions (compile-time constants: dead branches vanish).

use crate::ffi;

pub const MAJOR: u32 = ffi::PY_VERSION_HEX >> 24;
pub const MINOR: u32 = (ffi::PY_VERSION_HEX >> 16) & 0xff;

/// True when the CPython being built is `major.minor` or newer.
pub const fn at_least(major: u32, minor: u32) -> bool {
    MAJOR > major || (MAJOR == major && MINOR >= minor)
}
