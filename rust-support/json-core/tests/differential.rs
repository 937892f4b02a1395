//! Differential test against CPython's own code, run live through python3
//! (tests/oracle.py): generated and mutated inputs for scanstring, both
//! encoders and the number matcher, each run here in every string kind that
//! holds it (latin-1, UCS-2, UCS-4).
//!
//! * Against the C `_json` of each interpreter (python3, 3.11 here, and any
//!   named in JSON_CORE_PYTHONS, e.g. builds of 3.13 and 3.14): every answer
//!   must be equal, message and position included.
//! * Against the pure-Python code of the 3.11, 3.13 and 3.14-era trees
//!   (`ci/fetch-cpython.sh`, its Lib/json loaded into python3): equal, or
//!   different in one of the ways the Python code is known to differ from
//!   C ([`Rule`]); each rule's count is printed.
//!
//! Skipped, with a notice, without python3. JSON_CORE_DIFF_CASES sets the
//! cases per function (default 5000), JSON_CORE_DIFF_SEED the seed, and
//! JSON_CORE_KERNEL the kernel (`simd::Kernel` names; default the best).

use json_core::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{cps, narrower, units_text, Rng};

/// A length: mostly short, sometimes long enough to cross every vector
/// width.
fn length(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0..=5 => rng.below(12),
        6..=8 => rng.below(80),
        _ => rng.below(400),
    }
}

/// Characters of every class the code treats apart, from every kind.
const CHARS: &[u32] = &[
    0x61, 0x62, 0x7a, 0x41, 0x30, 0x39, 0x20, 0x7e, 0x2f, 0x27, // plain
    0x22, 0x5c, // quote, backslash
    0x00, 0x01, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1f, 0x7f, // controls, DEL
    0x80, 0xa0, 0xe9, 0xff, // latin-1
    0x100, 0x20ac, 0x4e2d, 0xfffe, 0xffff, // UCS-2
    0xd800, 0xdbff, 0xdc00, 0xdfff, // surrogates
    0x10000, 0x1f600, 0x10ffff, // UCS-4
    0x661, 0xff11, // non-ASCII digits
];

/// A run of text: plain ASCII, or with `percent` of other characters from
/// `pool`.
fn char_run(rng: &mut Rng, percent: usize, pool: &[u32]) -> Vec<u32> {
    let len = length(rng);
    (0..len)
        .map(|_| {
            if rng.chance(percent) {
                rng.pick(pool)
            } else {
                rng.pick(&cps("abcdefghij KLMNOP0123456789.,-_"))
            }
        })
        .collect()
}

/// CHARS up to `max` (the case's kind).
fn chars(max: u32) -> Vec<u32> {
    CHARS.iter().copied().filter(|&c| c <= max).collect()
}

/// CHARS up to `max` without `"`, `\` and the control characters: a
/// string's text.
fn text_chars(max: u32) -> Vec<u32> {
    chars(max)
        .into_iter()
        .filter(|&c| c >= 0x20 && c != 0x22 && c != 0x5c)
        .collect()
}

/// The largest code point of a case: latin-1, UCS-2 or UCS-4 text.
fn kind_max(rng: &mut Rng) -> u32 {
    rng.pick(&[0xff, 0xff, 0xffff, 0x10ffff])
}

fn hex_digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| rng.pick(b"0123456789abcdefABCDEF") as char)
        .collect()
}

/// One piece of a JSON string's body.
fn piece(rng: &mut Rng, max: u32) -> Vec<u32> {
    let escape = |s: &str| cps(s);
    match rng.below(24) {
        0..=9 => char_run(rng, 15, &text_chars(max)),
        10..=12 => escape(&format!(
            "\\{}",
            rng.pick(&['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])
        )),
        13 | 14 => escape(&format!("\\u{}", hex_digits(rng, 4))),
        15 | 16 => {
            let high = format!(
                "d{}{}",
                rng.pick(&['8', '9', 'a', 'b', 'A', 'B']),
                hex_digits(rng, 2)
            );
            let low = format!(
                "d{}{}",
                rng.pick(&['c', 'd', 'e', 'f', 'C', 'F']),
                hex_digits(rng, 2)
            );
            escape(&format!("\\u{high}\\u{low}"))
        }
        17 => {
            // A high surrogate, then something that is not a low one.
            let next = rng.pick(&["\\u0041", "\\ud800", "x", "\\n", "\\", "\\u", "\\udc0", ""]);
            escape(&format!("\\ud8{}{next}", hex_digits(rng, 2)))
        }
        18 => escape(&format!("\\udc{}", hex_digits(rng, 2))),
        19 => escape(&format!(
            "\\{}",
            rng.pick(&['x', 'a', 'U', '0', '\'', ' ', 'é', '€', '\n', '"'])
        )),
        20 => {
            // A short or bad \u escape.
            let n = rng.below(4);
            let bad = rng.pick(&[
                "g", " ", "+", "-", "_", "x", "0x", "\u{661}", "\u{ff11}", "\"", "",
            ]);
            let mut digits = hex_digits(rng, n);
            digits.insert_str(rng.below(digits.len() + 1), bad);
            escape(&format!("\\u{digits}"))
        }
        21 => vec![rng.pick(&chars(max))],
        22 => char_run(rng, 80, &text_chars(max)),
        _ => (0..rng.below(6)).flat_map(|_| escape("\\u00e9")).collect(),
    }
}

/// Randomly replace, insert or delete a few code points.
fn mutate(rng: &mut Rng, mut text: Vec<u32>, max: u32) -> Vec<u32> {
    for _ in 0..rng.below(3) {
        let at = rng.below(text.len() + 1);
        let c = rng.pick(&chars(max));
        match rng.below(3) {
            0 if at < text.len() => text[at] = c,
            1 if at < text.len() => {
                text.remove(at);
            }
            _ => text.insert(at, c),
        }
    }
    text
}

/// A document with a string in it, and where it starts.
fn scan_case(rng: &mut Rng) -> (Vec<u32>, isize, bool) {
    let max = kind_max(rng);
    let mut doc = match rng.below(4) {
        0 => vec![],
        1 => cps("["),
        2 => cps("{\"key\": "),
        _ => char_run(rng, 50, &chars(max)),
    };
    if rng.chance(15) {
        // The document's kind, from a character outside the string.
        let marker = rng.pick(&[0xe9, 0x20ac, 0x1f600]);
        doc.insert(0, marker.min(max));
    }
    doc.push(0x22);
    let start = doc.len() as isize;
    let mut body = Vec::new();
    for _ in 0..1 + rng.below(4) {
        body.extend(piece(rng, max));
    }
    if rng.chance(20) {
        body = mutate(rng, body, max);
    }
    doc.extend(body);
    if rng.chance(85) {
        doc.push(0x22);
    }
    if rng.chance(50) {
        let suffix = match rng.below(3) {
            0 => cps("]"),
            1 => cps(", \"more\": 1}"),
            _ => char_run(rng, 50, &chars(max)),
        };
        doc.extend(suffix);
    }
    if rng.chance(10) {
        let keep = rng.below(doc.len() + 1);
        doc.truncate(keep);
    }
    let end = if rng.chance(5) {
        rng.below(doc.len() + 5) as isize - 2
    } else {
        start
    };
    (doc, end, rng.chance(70))
}

fn number_case(rng: &mut Rng) -> (Vec<u32>, usize) {
    let mut number = String::new();
    if rng.chance(40) {
        number.push('-');
    }
    if rng.chance(30) {
        number.push('0');
    } else {
        number.push(rng.pick(&['1', '5', '9']));
        for _ in 0..rng.below(25) {
            number.push(rng.pick(&['0', '3', '9']));
        }
    }
    if rng.chance(40) {
        number.push('.');
        for _ in 0..rng.below(4) {
            number.push(rng.pick(&['0', '7']));
        }
    }
    if rng.chance(40) {
        number.push(rng.pick(&['e', 'E']));
        if rng.chance(50) {
            number.push(rng.pick(&['+', '-']));
        }
        for _ in 0..rng.below(4) {
            number.push(rng.pick(&['0', '2']));
        }
    }
    let mut text = cps(&number);
    let noise = cps("0123456789-+.eE xa,]\u{661}\u{ff11}\u{e9}\u{1f600}");
    for _ in 0..rng.below(3) {
        let at = rng.below(text.len() + 1);
        let c = rng.pick(&noise);
        match rng.below(3) {
            0 if at < text.len() => text[at] = c,
            1 if at < text.len() => {
                text.remove(at);
            }
            _ => text.insert(at, c),
        }
    }
    if rng.chance(30) {
        text.truncate(rng.below(text.len() + 1));
    }
    // A start the C scanner sends to the number matcher (not `"{[ntfNI`,
    // not "-Infinity"): the noise holds none of those.
    let prefix: Vec<u32> = (0..rng.below(3)).map(|_| rng.pick(&noise)).collect();
    let start = prefix.len();
    let mut doc = prefix;
    doc.extend(text);
    if rng.chance(5) {
        return (doc.clone(), doc.len() + rng.below(2));
    }
    (doc, start)
}

struct Case {
    function: &'static str,
    args: String,
    text: Vec<u32>,
}

fn generate(rng: &mut Rng, per_function: usize) -> Vec<Case> {
    let mut cases = Vec::new();
    for _ in 0..per_function {
        let (text, end, strict) = scan_case(rng);
        let args = format!("{end},{}", u8::from(strict));
        cases.push(Case {
            function: "scan",
            args,
            text,
        });
        for function in ["ascii", "plain"] {
            let max = kind_max(rng);
            let mut text = Vec::new();
            for _ in 0..1 + rng.below(3) {
                text.extend(char_run(rng, 40, &chars(max)));
            }
            cases.push(Case {
                function,
                args: String::new(),
                text,
            });
        }
        let (text, start) = number_case(rng);
        cases.push(Case {
            function: "number",
            args: start.to_string(),
            text,
        });
    }
    cases
}

fn hex6(text: &[u32]) -> String {
    text.iter().fold(String::new(), |mut s, c| {
        let _ = write!(s, "{c:06x}");
        s
    })
}

const SEP: char = '\u{1f}';

/// The case's answer from this crate, in the oracle's format.
fn answer<T: CodeUnit + Into<u32>>(case: &Case, units: &[T]) -> String {
    let text: Vec<u32> = units.iter().map(|&u| u.into()).collect();
    match case.function {
        "scan" => {
            let (end, strict) = case.args.split_once(',').unwrap();
            let mut buf = StringBuf::new();
            match scanstring(units, end.parse().unwrap(), strict == "1", &mut buf) {
                Ok((decoded, after)) => {
                    let (value, kind) = match decoded {
                        Decoded::Slice { start, end, kind } => (text[start..end].to_vec(), kind),
                        Decoded::Units { units, kind } => (units_text(units), kind),
                    };
                    let max = value.iter().copied().max().unwrap_or(0);
                    assert_eq!(kind, Kind::of(max), "kind of {value:x?}");
                    format!("ok{SEP}{}{SEP}{after}", hex6(&value))
                }
                Err(ScanError::EndOutOfBounds) => {
                    format!(
                        "err{SEP}ValueError{SEP}-{SEP}{}",
                        ScanError::END_OUT_OF_BOUNDS
                    )
                }
                Err(ScanError::Decode(e)) => {
                    format!("err{SEP}JSONDecodeError{SEP}{}{SEP}{}", e.pos, e.msg)
                }
            }
        }
        "ascii" => {
            let len = escaped_len_ascii(units).unwrap();
            let mut out = vec![0u8; len];
            assert_eq!(escape_ascii_into(units, &mut out), len);
            let out: Vec<u32> = out.iter().map(|&b| u32::from(b)).collect();
            format!("ok{SEP}{}", hex6(&out))
        }
        "plain" => {
            let len = escaped_len(units).unwrap();
            let mut out = vec![T::default(); len];
            assert_eq!(escape_into(units, &mut out), len);
            let out: Vec<u32> = out.into_iter().map(Into::into).collect();
            format!("ok{SEP}{}", hex6(&out))
        }
        "number" => match match_number(units, case.args.parse().unwrap()) {
            Some(Number { end, is_float }) => {
                format!("{}{SEP}{end}", if is_float { "float" } else { "int" })
            }
            None => "none".to_owned(),
        },
        other => panic!("unknown function {other}"),
    }
}

/// The case in each kind that holds it: (kind name, answer).
fn answers(case: &Case) -> Vec<(&'static str, String)> {
    let mut all = vec![("ucs4", answer(case, &case.text))];
    let (one, two) = narrower(&case.text);
    if let Some(units) = two {
        all.push(("ucs2", answer(case, &units)));
    }
    if let Some(units) = one {
        all.push(("latin1", answer(case, &units)));
    }
    all
}

/// A way the pure-Python code differs from C (Lib/json against
/// Modules/_json.c), by version of the Python code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    /// py_scanstring says "Invalid control character %r at" one past the
    /// character; C "Invalid control character at" at it.
    ControlMessage,
    /// py_scanstring says "Invalid \\escape: %r" at the letter; C
    /// "Invalid \\escape" at the backslash.
    EscapeMessage,
    /// C wants a unit after a \uXXXX escape's digits (`end >= len` fails)
    /// and after a surrogate pair's second escape before it joins them;
    /// Python decodes them and finds the string unterminated.
    EscapeAtEnd,
    /// 3.11's _decode_uXXXX parses with int(x, 16), which takes spaces,
    /// signs, underscores and non-ASCII digits; C takes [0-9a-fA-F].
    LaxHexDigits,
    /// C checks `end` (ValueError "end is out of bounds"); Python does not.
    EndOutOfBounds,
    /// 3.11's NUMBER_RE: its `\d` matches non-ASCII digits (3.13 has
    /// [0-9]).
    UnicodeDigits,
}

fn fields(answer: &str) -> Vec<&str> {
    answer.split(SEP).collect()
}

/// Why Python's answer `py` differs from C's `c` (this crate's), or None.
fn explain(case: &Case, version: &str, c: &str, py: &str) -> Option<Rule> {
    let (c, py) = (fields(c), fields(py));
    let text = &case.text;
    if case.function == "number" {
        let start: usize = case.args.parse().unwrap();
        let c_end = c.get(1).map_or(start, |end| end.parse().unwrap());
        let py_end: usize = py.get(1)?.parse().unwrap();
        let beyond_ascii = text[start..py_end].iter().any(|&ch| ch > 0x7f);
        return (version == "3.11" && py_end > c_end && beyond_ascii)
            .then_some(Rule::UnicodeDigits);
    }
    if case.function != "scan" || c[0] != "err" {
        return None;
    }
    if c[3] == ScanError::END_OUT_OF_BOUNDS {
        return Some(Rule::EndOutOfBounds);
    }
    let c_pos: isize = c[2].parse().unwrap();
    if py[0] == "err" && py[2] != "-" {
        let py_pos: isize = py[2].parse().unwrap();
        let moved = py_pos == c_pos + 1;
        if c[3] == DecodeError::CONTROL && py[3].starts_with("Invalid control character ") && moved
        {
            return Some(Rule::ControlMessage);
        }
        if c[3] == DecodeError::ESCAPE && py[3].starts_with("Invalid \\escape: ") && moved {
            return Some(Rule::EscapeMessage);
        }
    }
    if c[3] == DecodeError::UXXXX {
        let u = c_pos as usize;
        let digits = &text[u + 1..(u + 5).min(text.len())];
        let hex = digits.len() == 4
            && digits
                .iter()
                .all(|&d| char::from_u32(d).is_some_and(|d| d.is_ascii_hexdigit()));
        if version == "3.11" && digits.len() == 4 && !hex {
            return Some(Rule::LaxHexDigits);
        }
        if u + 5 >= text.len() && py[0] == "err" && py.get(3) == Some(&DecodeError::UNTERMINATED) {
            return Some(Rule::EscapeAtEnd);
        }
    }
    None
}

/// The Lib/json directory of each CPython tree `ci/fetch-cpython.sh` gives.
fn python_trees() -> Vec<(String, PathBuf)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ci/fetch-cpython.sh");
    let mut trees = Vec::new();
    for version in ["3.11", "3.13", "3.14"] {
        let fetched = Command::new("sh").arg(&script).arg(version).output();
        match fetched {
            Ok(out) if out.status.success() => {
                let tree = String::from_utf8(out.stdout).unwrap();
                trees.push((version.to_owned(), Path::new(tree.trim()).join("Lib/json")));
            }
            _ => eprintln!("no CPython {version} tree (ci/fetch-cpython.sh failed): its Python code is not compared"),
        }
    }
    trees
}

#[test]
fn matches_cpython() {
    let per_function = std::env::var("JSON_CORE_DIFF_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let seed = std::env::var("JSON_CORE_DIFF_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15u64);
    if let Ok(name) = std::env::var("JSON_CORE_KERNEL") {
        let kernel = json_core::simd::Kernel::from_name(name.as_bytes()).expect("a kernel name");
        json_core::simd::select(kernel).expect("a kernel this CPU runs");
    }
    eprintln!("kernel {}", json_core::simd::selected().name());
    let cases = generate(&mut Rng(seed | 1), per_function);
    let mut input = String::new();
    for case in &cases {
        let _ = writeln!(
            input,
            "{}\t{}\t{}",
            case.function,
            case.args,
            hex6(&case.text)
        );
    }
    let dir = std::env::temp_dir().join(format!("json-core-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases_file = dir.join("cases.txt");
    std::fs::write(&cases_file, input).unwrap();
    let oracle = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle.py");

    let mut pythons = vec!["python3".to_owned()];
    if let Ok(more) = std::env::var("JSON_CORE_PYTHONS") {
        pythons.extend(more.split_whitespace().map(str::to_owned));
    }
    let mut columns: Vec<(String, Vec<String>)> = Vec::new();
    for (n, python) in pythons.iter().enumerate() {
        let mut command = Command::new(python);
        command.arg(&oracle).arg(&cases_file);
        if n == 0 {
            for (version, lib) in python_trees() {
                command.arg(format!("{version}={}", lib.display()));
            }
        }
        let out = match command.output() {
            Ok(out) => out,
            Err(_) if n == 0 => {
                eprintln!("python3 not found: differential test skipped");
                return;
            }
            Err(error) => panic!("{python}: {error}"),
        };
        assert!(
            out.status.success(),
            "{python} oracle.py failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let names: Vec<String> = lines
            .next()
            .unwrap()
            .split('\t')
            .map(str::to_owned)
            .collect();
        let mut answers: Vec<Vec<String>> = vec![Vec::new(); names.len()];
        for line in lines {
            for (column, answer) in answers.iter_mut().zip(line.split('\t')) {
                column.push(answer.to_owned());
            }
        }
        for (name, column) in names.into_iter().zip(answers) {
            assert_eq!(column.len(), cases.len(), "{name}: one answer per case");
            columns.push((name, column));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    // (implementation, function, kind) -> cases compared; rules applied.
    let mut counts: BTreeMap<(String, &str, &str), usize> = BTreeMap::new();
    let mut rules: BTreeMap<(String, Rule), usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for (k, case) in cases.iter().enumerate() {
        for (kind, ours) in answers(case) {
            for (name, column) in &columns {
                let theirs = &column[k];
                *counts
                    .entry((name.clone(), case.function, kind))
                    .or_default() += 1;
                if *theirs == ours {
                    continue;
                }
                let rule = name
                    .strip_prefix("py-")
                    .and_then(|version| explain(case, version, &ours, theirs));
                match rule {
                    Some(rule) => *rules.entry((name.clone(), rule)).or_default() += 1,
                    None => failures.push(format!(
                        "{name} {}({}) in {kind}: {:x?}\n  cpython {theirs:?}\n  rust    {ours:?}",
                        case.function, case.args, case.text
                    )),
                }
            }
        }
    }
    for ((name, function, kind), count) in &counts {
        eprintln!("{name:8} {function:6} {kind:6} {count:6} cases");
    }
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    for (case, answer) in cases.iter().zip(&columns[0].1) {
        let outcome = match case.function {
            "scan" => fields(answer).last().unwrap().to_string(),
            "number" => fields(answer)[0].to_owned(),
            _ => continue,
        };
        let outcome = if answer.starts_with("ok") {
            "ok".to_owned()
        } else {
            outcome
        };
        *outcomes
            .entry(format!("{} {outcome}", case.function))
            .or_default() += 1;
    }
    for (outcome, count) in &outcomes {
        eprintln!("{count:6} {outcome}");
    }
    for ((name, rule), count) in &rules {
        eprintln!("{name:8} differs from C by {rule:?} in {count} cases");
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures[..failures.len().min(12)].join("\n")
    );
}
