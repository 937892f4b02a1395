//! The build script's layout records (build/layout.rs), tested here: cargo
//! does not run tests of build scripts.

#[allow(dead_code)]
#[path = "../build/layout.rs"]
mod layout;
