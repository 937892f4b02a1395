//! Arguments: every index is checked (the fast path once read past the
//! call's arguments for an optional parameter).

use super::{describe, python, Namespace};
use crate::args::{ArgBuffer, ArgParser, Keywords, VectorArgs};
use crate::cstr;

static KEYWORDS: Keywords<3> = Keywords::new([cstr!(""), cstr!("b"), cstr!("c")]);
static PARSER: ArgParser<3> = ArgParser::new(cstr!("f"), &KEYWORDS, 1, 3);

#[test]
fn a_parameter_past_the_positional_arguments_is_absent() {
    python(|py| {
        let ns = Namespace::new(py);
        let one = ns.eval("b'x'").unwrap();
        let raw = [one.as_ptr()];
        // SAFETY: one live argument, no keywords.
        let call = unsafe { VectorArgs::new(raw.as_ptr(), 1, core::ptr::null_mut()) };
        let mut buf = ArgBuffer::<3>::new();
        let args = call.unpack(&PARSER, &mut buf).unwrap();
        assert_eq!(args.len(), 1, "the fast path: the call's own arguments");
        assert!(args.get(0).is_some());
        assert!(args.get(1).is_none(), "past nargs: not given, never read");
        assert!(args.get(2).is_none());
        let err = args
            .required(2)
            .expect_err("a missing required one is an error");
        assert_eq!(
            describe(&ns, err),
            "SystemError: bad argument to internal function"
        );
    });
}

#[test]
fn keywords_go_to_the_buffer_in_parameter_order() {
    python(|py| {
        let ns = Namespace::new(py);
        let (a, c) = (ns.eval("'a'").unwrap(), ns.eval("'c'").unwrap());
        let kwnames = ns.eval("('c',)").unwrap();
        let raw = [a.as_ptr(), c.as_ptr()];
        // SAFETY: one positional argument and one keyword argument.
        let call = unsafe { VectorArgs::new(raw.as_ptr(), 1, kwnames.as_ptr()) };
        let mut buf = ArgBuffer::<3>::new();
        let args = call.unpack(&PARSER, &mut buf).unwrap();
        assert_eq!(args.len(), 3);
        assert!(args.get(1).is_none());
        assert_eq!(args.get(2).map(|b| b.as_ptr()), Some(c.as_ptr()));
    });
}

#[test]
fn cpythons_parser_words_the_errors() {
    python(|py| {
        let ns = Namespace::new(py);
        let kwnames = ns.eval("('d',)").unwrap();
        let a = ns.eval("1").unwrap();
        let raw = [a.as_ptr(), a.as_ptr()];
        // SAFETY: one positional and one keyword argument.
        let call = unsafe { VectorArgs::new(raw.as_ptr(), 1, kwnames.as_ptr()) };
        let mut buf = ArgBuffer::<3>::new();
        let err = call
            .unpack(&PARSER, &mut buf)
            .err()
            .expect("an unknown keyword");
        assert_eq!(
            describe(&ns, err),
            "TypeError: 'd' is an invalid keyword argument for f()"
        );
    });
}
