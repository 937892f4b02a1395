//! C string literals for Rust 1.74 (no `c"..."`).

/// `cstr!("text")` is a `&'static CStr` for `"text\0"`, checked at compile
/// time for interior NULs.
#[macro_export]
macro_rules! cstr {
    ($s:expr) => {{
        const CSTR: &::core::ffi::CStr =
            match ::core::ffi::CStr::from_bytes_with_nul(concat!($s, "\0").as_bytes()) {
                Ok(c) => c,
                Err(_) => panic!("interior NUL in cstr!"),
            };
        CSTR
    }};
}
