//! What the tests and the benchmark share: a random generator and code
//! point helpers. (Each test crate uses part of it.)
#![allow(dead_code)]

/// xorshift64*: deterministic, dependency-free.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The code points of `text`.
pub fn cps(text: &str) -> Vec<u32> {
    text.chars().map(u32::from).collect()
}

/// Decoded units as code points.
pub fn units_text(units: json_core::Units<'_>) -> Vec<u32> {
    match units {
        json_core::Units::One(u) => u.iter().map(|&c| u32::from(c)).collect(),
        json_core::Units::Two(u) => u.iter().map(|&c| u32::from(c)).collect(),
        json_core::Units::Four(u) => u.to_vec(),
    }
}

/// `text` narrowed to 1- and 2-byte units where it fits: the kinds besides
/// UCS-4 that can hold it.
pub fn narrower(text: &[u32]) -> (Option<Vec<u8>>, Option<Vec<u16>>) {
    let max = text.iter().copied().max().unwrap_or(0);
    let one = (max <= 0xff).then(|| text.iter().map(|&c| c as u8).collect());
    let two = (max <= 0xffff).then(|| text.iter().map(|&c| c as u16).collect());
    (one, two)
}
