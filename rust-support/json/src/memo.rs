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
//!
//! One copy for documents of every width (the loops over a key's
//! characters one per width).

use crate::strings::{str_kind, units_str, Unit};
use alloc::vec::Vec;
use cpython_api::str::{StrData, StrKind};
use cpython_api::types::{PyDict, PyStr};
use cpython_api::{Borrowed, Owned, PyResult, Python};
use json_core::{Kind, Units};

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

/// What [`Memo::find`] found.
enum Lookup<'py> {
    Found(Owned<'py, PyStr>),
    Missing(Slot),
}

/// Where a missing key goes.
enum Slot {
    /// The table's slot (`usize::MAX` while it has none), the key's hash
    /// and kind.
    Fast(usize, u64, StrKind),
    Dict,
}

impl<'a, 'py> Memo<'a, 'py> {
    pub(crate) fn new() -> Self {
        Memo::Fast(FastMemo {
            keys: Vec::new(),
            table: Vec::new(),
        })
    }

    /// The key object with the characters `text`, a `str` of `kind`.
    #[inline(never)]
    pub(crate) fn key(
        &mut self,
        py: Python<'py>,
        text: Units<'_>,
        kind: Kind,
    ) -> PyResult<Owned<'py, PyStr>> {
        match self.find(py, text, str_kind(kind))? {
            Lookup::Found(key) => Ok(key),
            Lookup::Missing(slot) => self.insert(slot, units_str(py, text, kind)?),
        }
    }

    /// The key with these characters, or where to put it.
    fn find(&mut self, py: Python<'py>, text: Units<'_>, kind: StrKind) -> PyResult<Lookup<'py>> {
        let Memo::Fast(fast) = self else {
            return Ok(Lookup::Missing(Slot::Dict));
        };
        match fast.find(text, kind) {
            Found::Key(index) => Ok(Lookup::Found(fast.keys[index].2.clone())),
            Found::Empty(slot, hash) => Ok(Lookup::Missing(Slot::Fast(slot, hash, kind))),
            Found::TooFar => {
                let dict = PyDict::new(py)?;
                for (_, _, key) in &fast.keys {
                    dict.as_borrowed()
                        .set_default(key.as_borrowed(), key.as_borrowed())?;
                }
                *self = Memo::OwnDict(dict);
                Ok(Lookup::Missing(Slot::Dict))
            }
        }
    }

    /// Puts a new key where `find` said, and returns the key to use: a
    /// dict memo's equal key if it has one (C's way:
    /// `PyDict_SetDefaultRef(memo, key, key)`).
    fn insert(&mut self, slot: Slot, key: Owned<'py, PyStr>) -> PyResult<Owned<'py, PyStr>> {
        let dict = match (slot, &mut *self) {
            (Slot::Fast(slot, hash, kind), Memo::Fast(fast)) => {
                fast.insert(slot, hash, kind, key.clone());
                return Ok(key);
            }
            (_, Memo::Dict(dict)) => *dict,
            (_, Memo::OwnDict(dict)) => dict.as_borrowed(),
            // `find` gives Slot::Dict for a dict memo only.
            (Slot::Dict, Memo::Fast(_)) => return Ok(key),
        };
        let kept = dict.set_default(key.as_borrowed(), key.as_borrowed())?;
        // The dict holds only keys the scanner put there: strs.
        Ok(kept.downcast_into::<PyStr>().unwrap_or(key))
    }
}

enum Found {
    Key(usize),
    /// Not there: the slot to fill and the hash.
    Empty(usize, u64),
    TooFar,
}

/// The hash of a key's characters: four units a round, in two chains
/// that multiply side by side (long keys are common: twitter.json's
/// `in_reply_to_status_id_str`).
fn hash(text: Units<'_>) -> u64 {
    match text {
        Units::One(units) => hash_units(units),
        Units::Two(units) => hash_units(units),
        Units::Four(units) => hash_units(units),
    }
}

#[inline(always)]
fn hash_units<U: Unit>(units: &[U]) -> u64 {
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
fn same(a: Units<'_>, b: StrData<'_>) -> bool {
    fn eq<A: Unit, B: Unit>(a: &[A], b: &[B]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_u32() == y.to_u32())
    }
    fn with<A: Unit>(a: &[A], b: StrData<'_>) -> bool {
        match b {
            StrData::One(b) => eq(a, b),
            StrData::Two(b) => eq(a, b),
            StrData::Four(b) => eq(a, b),
        }
    }
    match a {
        Units::One(a) => with(a, b),
        Units::Two(a) => with(a, b),
        Units::Four(a) => with(a, b),
    }
}

impl<'py> FastMemo<'py> {
    fn find(&self, text: Units<'_>, kind: StrKind) -> Found {
        let hash = hash(text);
        if self.table.is_empty() {
            return Found::Empty(usize::MAX, hash);
        }
        let mask = self.table.len() - 1;
        let mut slot = hash as usize & mask;
        for _ in 0..MAX_PROBE {
            match self.table[slot] {
                0 => return Found::Empty(slot, hash),
                index => {
                    let (h, k, ref key) = self.keys[index as usize - 1];
                    if h == hash
                        && k == kind
                        && key.as_borrowed().data().is_ok_and(|data| same(text, data))
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
