//! Compiles the AVX-512 kernel (`src/simd/x86/avx512.rs`) only when the
//! compiler has what it uses: the AVX-512 target features and intrinsics
//! are stable from Rust 1.89, and the crate supports 1.74. The probe
//! compiles one function that uses them, for the target being built and
//! with the build's RUSTFLAGS (autocfg passes both), as binascii-core does.

const CFG: &str = "json_core_avx512";

const PROBE: &str = r#"
#![no_std]
use core::arch::x86_64::*;
#[target_feature(enable = "avx512f,avx512bw")]
pub unsafe fn probe(x: __m512i, p: *const u16) -> (__m256i, u64) {
    let m = _mm512_cmplt_epu8_mask(x, x) | _mm512_cmpeq_epi16_mask(x, x) as u64;
    let y = _mm512_maskz_loadu_epi16(m as u32, p.cast());
    (_mm512_cvtepi16_epi8(y), m)
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
            "cargo:warning=json-core: cannot run rustc to probe for AVX-512 ({error}); \
             building without the AVX-512 kernel"
        ),
    }
}
