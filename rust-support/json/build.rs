//! Re-applies cpython-sys's cfgs (`Py_3_<minor>`, `Py_GIL_DISABLED`,
//! `Py_DEBUG`) to this crate, for the behaviour that only some versions
//! have (3.14's error notes): build-script cfgs do not propagate.

fn main() {
    let cfgs = std::env::var("DEP_CPYTHON_CFGS").expect("cpython-sys sets `links` metadata");
    let known = std::env::var("DEP_CPYTHON_CHECK_CFG").unwrap_or_default();
    if !known.is_empty() {
        println!("cargo:rustc-check-cfg=cfg({known})");
    }
    for cfg in cfgs.split(',').filter(|c| !c.is_empty()) {
        println!("cargo:rustc-cfg={cfg}");
    }
}
