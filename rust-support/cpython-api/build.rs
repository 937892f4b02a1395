//! Re-applies cpython-sys's cfgs (`Py_3_<minor>`, `Py_GIL_DISABLED`,
//! `Py_DEBUG`) to this crate: build-script cfgs do not propagate. Outside
//! a CPython build, the unit tests embed `python3`'s shared libpython
//! (`cfg(cpython_embed)`), found at run time through an rpath.

fn main() {
    let cfgs = std::env::var("DEP_CPYTHON_CFGS").expect("cpython-sys sets `links` metadata");
    let known = std::env::var("DEP_CPYTHON_CHECK_CFG").unwrap_or_default();
    if !known.is_empty() {
        println!("cargo:rustc-check-cfg=cfg({known},cpython_embed)");
    }
    for cfg in cfgs.split(',').filter(|c| !c.is_empty()) {
        println!("cargo:rustc-cfg={cfg}");
    }
    if let Ok(libdir) = std::env::var("DEP_CPYTHON_EMBED_LIBDIR") {
        println!("cargo:rustc-cfg=cpython_embed");
        println!("cargo:rustc-link-arg=-Wl,-rpath,{libdir}");
    }
}
