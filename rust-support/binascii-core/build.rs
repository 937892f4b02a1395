//! Compiles the kernels that need intrinsics newer than the crate's
//! minimum Rust (1.74) only when the compiler has them: the AVX-512
//! target features and intrinsics (`src/simd/x86/avx512.rs`) and
//! VPCLMULQDQ's (`src/simd/x86/vpclmul.rs`) are stable from Rust 1.89.
//! Each probe compiles one function that uses them, for the target being
//! built and with the build's RUSTFLAGS (autocfg passes both, a `--sysroot`
//! too), so an older or a patched rustc gets the answer it can honour.

/// (cfg set when the probe compiles, what it stands for, the probe)
const PROBES: [(&str, &str, &str); 2] = [
    (
        "binascii_avx512",
        "the AVX-512 VBMI kernels",
        r#"
#![no_std]
use core::arch::x86_64::*;
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt")]
pub unsafe fn probe(x: __m512i) -> __m512i {
    let k = _mm512_movepi8_mask(_mm512_multishift_epi64_epi8(x, x));
    _mm512_maskz_compress_epi8(k, _mm512_permutex2var_epi8(x, x, x))
}
"#,
    ),
    (
        "binascii_vpclmulqdq",
        "crc32's VPCLMULQDQ kernels",
        r#"
#![no_std]
use core::arch::x86_64::*;
#[target_feature(enable = "avx2,avx512f,vpclmulqdq,pclmulqdq,sse4.1")]
pub unsafe fn probe(x: __m512i, y: __m256i) -> (__m512i, __m256i) {
    let x = _mm512_ternarylogic_epi64(x, _mm512_clmulepi64_epi128(x, x, 0x11), x, 0x96);
    let y = _mm256_clmulepi64_epi128(y, _mm256_zextsi128_si256(_mm256_castsi256_si128(y)), 0);
    (_mm512_zextsi128_si512(_mm512_castsi512_si128(x)), y)
}
"#,
    ),
];

fn main() {
    for (cfg, _, _) in PROBES {
        autocfg::emit_possibility(cfg);
    }
    autocfg::rerun_path("build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("x86_64") {
        return;
    }
    match autocfg::AutoCfg::new() {
        Ok(ac) => {
            for (cfg, _, probe) in PROBES {
                if ac.probe_raw(probe).is_ok() {
                    autocfg::emit(cfg);
                }
            }
        }
        Err(error) => println!(
            "cargo:warning=binascii-core: cannot run rustc to probe for newer intrinsics \
             ({error}); building without {}",
            PROBES.map(|(_, what, _)| what).join(" and ")
        ),
    }
}
