//! `libcpython_rust_binascii.a`: `binascii` alone, for its shared extension, with
//! the allocator and panic handler of that link unit. Built in, `binascii`
//! comes from `libcpython_rust.a` (cpython-rust) with the other modules.
//! `include/cpython_rust.h` declares the entry point (`cargo regen`).

// `cargo clippy --all-targets` builds a test harness of it too, with std:
// the runtime is for the archive only.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]

cpython_api::module_archive!(_PyRust_binascii_shared_init, binascii::MODULE);
