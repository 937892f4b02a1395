//! Compiles the AVX-512 kernels (`src/simd/x86/avx512.rs`) only when the
//! compiler has what they use: the AVX-512 target features and intrinsics
//! are stable from Rust 1.89, and the crate supports 1.74. The probe
//! compiles one function that uses them, for the target being built and
//! with the build's RUSTFLAGS (autocfg passes both, a `--sysroot` too), so
//! an older or a patched rustc gets the answer it can honour.

const CFG: &str = "binascii_avx512";

const PROBE: &str = r#"
#![no_std]
use core::arch::x86_64::*;
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub unsafe fn probe(x: __m512i) -> __m512i {
    let k = _mm512_movepi8_mask(_mm512_multishift_epi64_epi8(x, x));
    _mm512_maskz_compress_epi8(k, _mm512_permutex2var_epi8(x, x, x))
}
"#;

fn main() {
    autocfg::emit_possibility(CFG);
    autocfg::rerun_path("build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("x86_64") {
        return;
    }
    match autocfg::AutoCfg::new() {
        Ok(ac) if ac.probe_raw(PROBE).is_ok() => autocfg::emit(CFG),
        Ok(_) => {}
        Err(error) => println!(
            "cargo:warning=binascii-core: cannot run rustc to probe for AVX-512 ({error}); \
             building without the AVX-512 kernels"
        ),
    }
}
