//! The memo of object keys: within one `scan_once` call, equal keys are one
//! `str` object, as C's `PyDict_SetDefaultRef(memo, key, key)` makes them.
//!
//! A key seen before is found from its text, before any `str` is made: a
//! table of the keys made so far, hashed over their characters (the same
//! hash for the same characters whatever the units' width). C makes a
//! `str` for every key and looks it up in a dict (SipHash); the result is
//! the same objects. A probe sequence longer than [`MAX_PROBE`] (keys made
//! to collide) moves the memo to a dict, C's own way, for the rest of the
//! call; so does 3.11, whose memo is the scanner's dict (`self->memo`,
//! cleared after each call, shared by nested calls on one scanner).

use crate::strings::{decoded_str, str_kind, Unit};
use alloc::vec::Vec;
use cpython_api::str::{StrData, StrKind};
use cpython_api::types::{PyDict, PyStr};
use cpython_api::{Borrowed, Owned, PyResult, Python};
use json_core::{Decoded, Units};

/// Past this many probes for one key, the memo becomes a dict.
const MAX_PROBE: usize = 32;

pub(crate) enum Memo<'a, 'py> {
    Fast(FastMemo<'py>),
    Dict(Borrowed<'a, 'py, PyDict>),
    OwnDict(Owned<'py, PyDict>),
}

pub(crate) struct FastMemo<'py> {
    keys: Vec<(u64, StrKind, Owned<'py, PyStr>)>,
    /// Indices into `keys` plus one; 0 is empty. A power of two long.
    table: Vec<u32>,
}

impl<'a, 'py> Memo<'a, 'py> {
    pub(crate) fn new() -> Self {
        Memo::Fast(FastMemo {
            keys: Vec::new(),
            table: Vec::new(),
        })
    }

    /// The key object for a decoded key.
    #[inline]
    pub(crate) fn key<T: Unit>(
        &mut self,
        py: Python<'py>,
        s: &[T],
        decoded: Decoded<'_>,
    ) -> PyResult<Owned<'py, PyStr>> {
        let fast = match self {
            Memo::Fast(fast) => fast,
            Memo::Dict(dict) => return dict_key(*dict, py, s, decoded),
            Memo::OwnDict(dict) => return dict_key(dict.as_borrowed(), py, s, decoded),
        };
        let found = match decoded {
            Decoded::Slice { start, end, kind } => fast.find(&s[start..end], str_kind(kind)),
            Decoded::Units { units, kind } => match units {
                Units::One(u) => fast.find(u, str_kind(kind)),
                Units::Two(u) => fast.find(u, str_kind(kind)),
                Units::Four(u) => fast.find(u, str_kind(kind)),
            },
        };
        match found {
            Found::Key(index) => Ok(fast.keys[index].2.clone()),
            Found::Empty(slot, hash, kind) => {
                let key = decoded_str(py, s, decoded)?;
                fast.insert(slot, hash, kind, key.clone());
                Ok(key)
            }
            Found::TooFar => {
                let dict = PyDict::new(py)?;
                for (_, _, key) in &fast.keys {
                    dict.as_borrowed()
                        .set_default(key.as_borrowed(), key.as_borrowed())?;
                }
                *self = Memo::OwnDict(dict);
                self.key(py, s, decoded)
            }
        }
    }
}

/// C's way: `PyDict_SetDefaultRef(memo, key, key)`.
fn dict_key<'py, T: Unit>(
    dict: Borrowed<'_, 'py, PyDict>,
    py: Python<'py>,
    s: &[T],
    decoded: Decoded<'_>,
) -> PyResult<Owned<'py, PyStr>> {
    let key = decoded_str(py, s, decoded)?;
    let kept = dict.set_default(key.as_borrowed(), key.as_borrowed())?;
    // The dict holds only keys the scanner put there: strs.
    Ok(kept.downcast_into::<PyStr>().unwrap_or(key))
}

enum Found {
    Key(usize),
    /// Not there: the slot to fill, the hash and the kind.
    Empty(usize, u64, StrKind),
    TooFar,
}

/// The hash of a key's characters: four units a round, in two chains
/// that multiply side by side (long keys are common: twitter.json's
/// `in_reply_to_status_id_str`).
#[inline]
fn hash<U: Unit>(units: &[U]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let pair = |a: U, b: U| u64::from(a.to_u32()) | u64::from(b.to_u32()) << 32;
    let mut h = 0x243f_6a88_85a3_08d3u64 ^ units.len() as u64;
    let mut g = 0x1319_8a2e_0370_7344u64;
    let mut rounds = units.chunks_exact(4);
    for four in &mut rounds {
        h = (h.rotate_left(5) ^ pair(four[0], four[1])).wrapping_mul(K);
        g = (g.rotate_left(5) ^ pair(four[2], four[3])).wrapping_mul(K);
    }
    for &unit in rounds.remainder() {
        h = (h.rotate_left(5) ^ u64::from(unit.to_u32())).wrapping_mul(K);
    }
    let h = h ^ g.rotate_left(29);
    h ^ (h >> 29)
}

/// Whether two texts have the same characters (their units may differ in
/// width).
#[inline]
fn same<A: Unit>(a: &[A], b: StrData<'_>) -> bool {
    fn eq<A: Unit, B: Unit>(a: &[A], b: &[B]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_u32() == y.to_u32())
    }
    match b {
        StrData::One(b) => eq(a, b),
        StrData::Two(b) => eq(a, b),
        StrData::Four(b) => eq(a, b),
    }
}

impl<'py> FastMemo<'py> {
    #[inline]
    fn find<U: Unit>(&self, units: &[U], kind: StrKind) -> Found {
        let hash = hash(units);
        if self.table.is_empty() {
            return Found::Empty(usize::MAX, hash, kind);
        }
        let mask = self.table.len() - 1;
        let mut slot = hash as usize & mask;
        for _ in 0..MAX_PROBE {
            match self.table[slot] {
                0 => return Found::Empty(slot, hash, kind),
                index => {
                    let (h, k, ref key) = self.keys[index as usize - 1];
                    if h == hash
                        && k == kind
                        && key.as_borrowed().data().is_ok_and(|data| same(units, data))
                    {
                        return Found::Key(index as usize - 1);
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        Found::TooFar
    }

    fn insert(&mut self, slot: usize, hash: u64, kind: StrKind, key: Owned<'py, PyStr>) {
        self.keys.push((hash, kind, key));
        if (self.keys.len() * 2 > self.table.len()) || slot == usize::MAX {
            self.rebuild();
        } else {
            self.table[slot] = self.keys.len() as u32;
        }
    }

    /// Doubles the table and puts every key back.
    #[cold]
    fn rebuild(&mut self) {
        let size = (self.keys.len() * 4).next_power_of_two().max(16);
        self.table.clear();
        self.table.resize(size, 0);
        let mask = size - 1;
        for (i, &(hash, _, _)) in self.keys.iter().enumerate() {
            let mut slot = hash as usize & mask;
            while self.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.table[slot] = i as u32 + 1;
        }
    }
}
