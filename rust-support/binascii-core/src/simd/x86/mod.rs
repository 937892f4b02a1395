//! x86_64 kernels: SSSE3 (16-byte blocks) and AVX2 (32-byte blocks).

use super::Ops;

pub(crate) static SSSE3: Ops = Ops {
    encode: |_, _| 0,
    decode: |_, _| 0,
    compact: |_, _| (0, 0),
    hexlify: |_, _| 0,
    unhexlify: |_, _| 0,
};

pub(crate) static AVX2: Ops = Ops {
    encode: |_, _| 0,
    decode: |_, _| 0,
    compact: |_, _| (0, 0),
    hexlify: |_, _| 0,
    unhexlify: |_, _| 0,
};
