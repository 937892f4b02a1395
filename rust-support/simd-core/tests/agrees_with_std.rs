//! Each answer against std's detection, which reads the same CPUID bits,
//! XCR0 state and hardware capabilities (a test may use std).

#[cfg(target_arch = "x86_64")]
fn check() {
    use std::arch::is_x86_feature_detected as std_has;
    let popcnt = std_has!("popcnt");
    let avx512bw = std_has!("avx512f") && std_has!("avx512bw") && popcnt;
    let pclmulqdq = std_has!("pclmulqdq") && std_has!("sse4.1");
    let vpclmulqdq = std_has!("vpclmulqdq") && pclmulqdq;
    let answers = [
        ("ssse3", simd_core::has_ssse3(), std_has!("ssse3")),
        ("popcnt", simd_core::has_popcnt(), popcnt),
        ("avx2", simd_core::has_avx2(), std_has!("avx2")),
        ("pclmulqdq", simd_core::has_pclmulqdq(), pclmulqdq),
        ("avx512bw", simd_core::has_avx512bw(), avx512bw),
        (
            "avx512vbmi",
            simd_core::has_avx512vbmi(),
            avx512bw && std_has!("avx512vbmi") && std_has!("avx512vbmi2"),
        ),
        (
            "vpclmulqdq_avx2",
            simd_core::has_vpclmulqdq_avx2(),
            vpclmulqdq && std_has!("avx2"),
        ),
        (
            "vpclmulqdq_avx512",
            simd_core::has_vpclmulqdq_avx512(),
            vpclmulqdq && std_has!("avx512f"),
        ),
    ];
    report(&answers);
}

#[cfg(target_arch = "aarch64")]
fn check() {
    use std::arch::is_aarch64_feature_detected as std_has;
    report(&[
        ("pmull", simd_core::has_pmull(), std_has!("pmull")),
        ("sha3", simd_core::has_sha3(), std_has!("sha3")),
    ]);
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn check() {
    println!("simd-core: nothing to detect on this architecture");
}

/// Prints each (feature, our answer, std's) and fails on a difference.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
fn report(answers: &[(&str, bool, bool)]) {
    for &(name, ours, std) in answers {
        println!("simd-core: {name}: {ours}");
        assert_eq!(ours, std, "{name}: simd-core says {ours}, std says {std}");
    }
}

fn main() {
    check();
}
