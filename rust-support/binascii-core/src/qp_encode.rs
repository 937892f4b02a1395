//! binascii.b2a_qp: quoted-printable (RFC 1521) encoding with the C module's
//! quirks, kept for compatibility with the quopri module.
//!
//! C makes two passes: one counts the output size, one writes. Both are the
//! same walk over the input here, generic over a [`Sink`] that counts or
//! writes. They differ in one place, as in C: the line-end whitespace check
//! looks at the previous input byte when counting but at the previous output
//! byte when writing, so the count is an upper bound.

use crate::error::Error;
use crate::write_bytes;
use core::mem::MaybeUninit;

/// Longest encoded line before a soft line break.
const MAXLINESIZE: usize = 76;
const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Bytes 33..=126 other than '=', '.' and '_': never quoted, never a line
/// end, so they take the short path whatever the options.
static PLAIN: [bool; 256] = build_plain();

const fn build_plain() -> [bool; 256] {
    let mut plain = [false; 256];
    let mut c = 33;
    while c <= 126 {
        plain[c] = !matches!(c as u8, b'=' | b'.' | b'_');
        c += 1;
    }
    plain
}

/// PLAIN plus space and tab: blanks are written as they are when quotetabs
/// is off and they are not the last byte.
static PLAIN_OR_BLANK: [bool; 256] = build_plain_or_blank();

const fn build_plain_or_blank() -> [bool; 256] {
    let mut table = build_plain();
    table[b' ' as usize] = true;
    table[b'\t' as usize] = true;
    table
}

/// The options of b2a_qp plus the line-end style found in the data.
#[derive(Clone, Copy)]
struct Options {
    quotetabs: bool,
    istext: bool,
    header: bool,
    /// Line ends are written as CRLF: the first LF of the data follows a CR.
    crlf: bool,
}

impl Options {
    fn new(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Options {
        let crlf = match data.iter().position(|&c| c == b'\n') {
            Some(lf) => lf > 0 && data[lf - 1] == b'\r',
            None => false,
        };
        Options {
            quotetabs,
            istext,
            header,
            crlf,
        }
    }

    /// Whether `data[i]` is written as "=XX" (the C module's condition).
    #[inline]
    fn must_quote(&self, data: &[u8], i: usize, linelen: usize) -> bool {
        let c = data[i];
        let last = i + 1 == data.len();
        c > 126
            || c == b'='
            || (self.header && c == b'_')
            // A lone '.' on a line means end of message to SMTP.
            || (c == b'.' && linelen == 0 && (last || matches!(data[i + 1], b'\n' | b'\r' | 0)))
            || (!self.istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && last)
            || (c < 33 && c != b'\r' && c != b'\n' && (self.quotetabs || (c != b'\t' && c != b' ')))
    }
}

/// Where the encoder's output goes.
trait Sink {
    /// Bytes written as they are (spaces as '_' in header mode).
    fn literal_run(&mut self, run: &[u8]);
    fn literal(&mut self, c: u8);
    fn quoted(&mut self, c: u8);
    /// "=" and a line end.
    fn soft_break(&mut self);
    /// A text line end; `prev` is the input byte before it.
    fn line_end(&mut self, prev: Option<u8>);
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// The first pass of C: output size, saturating (C raises MemoryError past
/// PY_SSIZE_T_MAX, which the caller checks).
struct Counter {
    total: usize,
    newline: usize,
}

impl Sink for Counter {
    #[inline]
    fn literal_run(&mut self, run: &[u8]) {
        self.total = self.total.saturating_add(run.len());
    }
    #[inline]
    fn literal(&mut self, _: u8) {
        self.total = self.total.saturating_add(1);
    }
    #[inline]
    fn quoted(&mut self, _: u8) {
        self.total = self.total.saturating_add(3);
    }
    #[inline]
    fn soft_break(&mut self) {
        self.total = self.total.saturating_add(1 + self.newline);
    }
    #[inline]
    fn line_end(&mut self, prev: Option<u8>) {
        let escape = if prev.is_some_and(is_blank) { 2 } else { 0 };
        self.total = self.total.saturating_add(escape + self.newline);
    }
}

/// The second pass of C.
struct Writer<'a> {
    out: &'a mut [MaybeUninit<u8>],
    len: usize,
    /// The byte at `out[len - 1]` (when `len > 0`): `out` is never read.
    last: u8,
    crlf: bool,
    header: bool,
}

impl Writer<'_> {
    #[inline]
    fn put(&mut self, c: u8) {
        self.out[self.len] = MaybeUninit::new(c);
        self.last = c;
        self.len += 1;
    }
    #[inline]
    fn newline(&mut self) {
        if self.crlf {
            self.put(b'\r');
        }
        self.put(b'\n');
    }
}

impl Sink for Writer<'_> {
    #[inline]
    fn literal_run(&mut self, run: &[u8]) {
        let dst = &mut self.out[self.len..self.len + run.len()];
        write_bytes(dst, run);
        if self.header {
            for (d, _) in dst.iter_mut().zip(run).filter(|(_, &c)| c == b' ') {
                *d = MaybeUninit::new(b'_');
            }
        }
        if let Some(&c) = run.last() {
            self.last = if self.header && c == b' ' { b'_' } else { c };
        }
        self.len += run.len();
    }
    #[inline]
    fn literal(&mut self, c: u8) {
        self.put(c);
    }
    #[inline]
    fn quoted(&mut self, c: u8) {
        self.put(b'=');
        self.put(UPPER_HEX[usize::from(c >> 4)]);
        self.put(UPPER_HEX[usize::from(c & 0x0f)]);
    }
    #[inline]
    fn soft_break(&mut self) {
        self.put(b'=');
        self.newline();
    }
    #[inline]
    fn line_end(&mut self, _: Option<u8>) {
        // Whitespace before a line end would be lost in transport: quote
        // the one just written.
        if self.len > 0 && is_blank(self.last) {
            self.len -= 1;
            let blank = self.last;
            self.quoted(blank);
        }
        self.newline();
    }
}

/// The loop both C passes share.
#[inline]
fn encode<S: Sink>(data: &[u8], opts: Options, sink: &mut S) {
    let len = data.len();
    let simple = if opts.quotetabs {
        &PLAIN
    } else {
        &PLAIN_OR_BLANK
    };
    let mut linelen: usize = 0;
    let mut i = 0;
    while i < len {
        // Bulk path: a run of bytes written as they are, short enough that
        // no soft break can fall inside it, and never the last byte (a
        // blank there is quoted).
        let limit = (len - 1).min(i + (MAXLINESIZE - 1).saturating_sub(linelen));
        let mut end = i;
        while end < limit && simple[usize::from(data[end])] {
            end += 1;
        }
        if end > i {
            sink.literal_run(&data[i..end]);
            linelen += end - i;
            i = end;
        }
        // One byte the exact C way.
        let c = data[i];
        // Common text bytes first: plain ones, and blanks not at the end
        // that quotetabs does not quote.
        let unquoted_blank = is_blank(c) && !opts.quotetabs && i + 1 != len;
        if PLAIN[usize::from(c)]
            || unquoted_blank
            || !(opts.must_quote(data, i, linelen) || line_end_at(data, i, opts))
        {
            // Break long lines, unless only a line end would follow.
            if i + 1 != len && data[i + 1] != b'\n' && linelen + 1 >= MAXLINESIZE {
                sink.soft_break();
                linelen = 0;
            }
            linelen += 1;
            sink.literal(if opts.header && c == b' ' { b'_' } else { c });
            i += 1;
        } else if opts.must_quote(data, i, linelen) {
            if linelen + 3 >= MAXLINESIZE {
                sink.soft_break();
                linelen = 0;
            }
            sink.quoted(c);
            linelen += 3;
            i += 1;
        } else {
            linelen = 0;
            sink.line_end(if i > 0 { Some(data[i - 1]) } else { None });
            i += if c == b'\r' { 2 } else { 1 };
        }
    }
}

/// Whether a text line ends at `data[i]` (LF or CRLF).
#[inline]
fn line_end_at(data: &[u8], i: usize, opts: Options) -> bool {
    opts.istext && (data[i] == b'\n' || (data[i] == b'\r' && data.get(i + 1) == Some(&b'\n')))
}

/// Upper bound of `b2a_qp`'s output: C's first pass. MemoryError (empty
/// message) where C's count would pass PY_SSIZE_T_MAX.
pub fn b2a_qp_max_len(
    data: &[u8],
    quotetabs: bool,
    istext: bool,
    header: bool,
) -> Result<usize, Error> {
    let opts = Options::new(data, quotetabs, istext, header);
    let mut counter = Counter {
        total: 0,
        newline: if opts.crlf { 2 } else { 1 },
    };
    encode(data, opts, &mut counter);
    if counter.total > isize::MAX as usize {
        return Err(Error::no_memory());
    }
    Ok(counter.total)
}

/// `binascii.b2a_qp(data, quotetabs=..., istext=..., header=...)`. `out`
/// must hold [`b2a_qp_max_len`] bytes (not recomputed here: it is a pass
/// over the data). Returns n after writing every byte of `out[..n]`.
#[inline(never)] // see lib.rs: "Entry points out of line"
pub fn b2a_qp_into(
    data: &[u8],
    quotetabs: bool,
    istext: bool,
    header: bool,
    out: &mut [MaybeUninit<u8>],
) -> Result<usize, Error> {
    let opts = Options::new(data, quotetabs, istext, header);
    let mut writer = Writer {
        out,
        len: 0,
        last: 0,
        crlf: opts.crlf,
        header,
    };
    encode(data, opts, &mut writer);
    Ok(writer.len)
}
