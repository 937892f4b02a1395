//! Objects: dict, list, tuple, sequences, str of each kind, int and float
//! from text and their reprs, calls, the recursion guard, exceptions with
//! arguments.

use super::{describe, no_exception_set, python, Namespace};
use crate::dict::DictPos;
use crate::error::FmtArg;
use crate::seq::FastSequence;
use crate::str::{StrData, StrKind};
use crate::types::{PyDict, PyFloat, PyInt, PyList, PyStr, PyTuple};
use crate::{cstr, exc, PyErr};

#[test]
fn dicts_are_filled_read_and_iterated_with_strong_references() {
    python(|py| {
        let ns = Namespace::new(py);
        let dict = PyDict::new(py).unwrap();
        let d = dict.as_borrowed();
        let (a, one) = (ns.eval("'a'").unwrap(), ns.eval("1").unwrap());
        d.set_item(a.as_borrowed(), one.as_borrowed()).unwrap();
        assert!(d.contains(a.as_borrowed()).unwrap());
        assert_eq!(d.len(), 1);
        let got = d.set_default(a.as_borrowed(), a.as_borrowed()).unwrap();
        assert!(
            got.as_borrowed().is(one.as_borrowed()),
            "setdefault keeps the first"
        );
        ns.set("d", d);
        ns.exec("d['b'] = 2; d['c'] = 3").unwrap();
        let mut pos = DictPos::default();
        let mut keys = std::vec::Vec::new();
        while let Some((key, value)) = d.next(&mut pos) {
            keys.push(ns.show_object(key.as_borrowed()) + &ns.show_object(value.as_borrowed()));
        }
        assert_eq!(keys, ["a1", "b2", "c3"]);
        d.del_item(a.as_borrowed()).unwrap();
        let err = d.del_item(a.as_borrowed()).unwrap_err();
        assert_eq!(describe(&ns, err), "KeyError: 'a'");
        let items = d.items().unwrap();
        assert_eq!(ns.show_object(items.as_borrowed()), "[('b', 2), ('c', 3)]");
        let unhashable = ns.eval("[]").unwrap();
        let err = d.contains(unhashable.as_borrowed()).unwrap_err();
        assert_eq!(describe(&ns, err), "TypeError: unhashable type: 'list'");
        assert!(no_exception_set(py));
    });
}

#[test]
fn a_dict_subclass_items_run_and_exact_checks_tell_it_apart() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("class D(dict):\n    def items(self):\n        return iter([(1, 2)])\nd = D(x=1)")
            .unwrap();
        let d = ns.get("d").downcast::<PyDict>().expect("a dict");
        assert!(!ns.get("d").is_exact::<PyDict>());
        assert!(ns.eval("{}").unwrap().as_borrowed().is_exact::<PyDict>());
        assert_eq!(ns.show_object(d.items().unwrap().as_borrowed()), "[(1, 2)]");
    });
}

#[test]
fn lists_grow_sort_and_lend_new_references() {
    python(|py| {
        let ns = Namespace::new(py);
        let list = PyList::empty(py).unwrap();
        let l = list.as_borrowed();
        for code in ["3", "1", "2"] {
            l.append(ns.eval(code).unwrap().as_borrowed()).unwrap();
        }
        l.sort().unwrap();
        assert_eq!(ns.show_object(l), "[1, 2, 3]");
        assert_eq!(l.len(), 3);
        assert_eq!(ns.show_object(l.get(2).unwrap().as_borrowed()), "3");
        assert!(l.get(3).is_none());
        l.append(ns.eval("'x'").unwrap().as_borrowed()).unwrap();
        let err = l.sort().unwrap_err();
        assert_eq!(
            describe(&ns, err),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
    });
}

#[test]
fn tuples_are_made_filled_and_read() {
    python(|py| {
        let ns = Namespace::new(py);
        let (a, b) = (ns.eval("'a'").unwrap(), ns.eval("2").unwrap());
        let pair = PyTuple::new(py, [a.as_borrowed(), b.as_borrowed()]).unwrap();
        assert_eq!(ns.show_object(pair.as_borrowed()), "('a', 2)");
        assert_eq!(pair.as_borrowed().len(), 2);
        assert!(pair.as_borrowed().get(0).unwrap().is(a.as_borrowed()));
        assert!(pair.as_borrowed().get(2).is_none());
        let empty = PyTuple::new::<0>(py, []).unwrap();
        assert_eq!(ns.show_object(empty.as_borrowed()), "()");
    });
}

#[test]
fn sequence_fast_keeps_exact_lists_and_tuples_and_iterates_the_rest() {
    python(|py| {
        let ns = Namespace::new(py);
        let list = ns.eval("[1, 2]").unwrap();
        match list.as_borrowed().sequence_fast(cstr!("no")).unwrap() {
            FastSequence::List(same) => assert!(same.as_borrowed().is(list.as_borrowed())),
            FastSequence::Tuple(_) => panic!("a list"),
        }
        ns.exec("class L(list):\n    def __iter__(self):\n        return iter('ab')")
            .unwrap();
        let sub = ns.eval("L([1, 2, 3])").unwrap();
        let fast = sub.as_borrowed().sequence_fast(cstr!("no")).unwrap();
        assert_eq!(fast.len(), 2, "a new list, from __iter__");
        assert_eq!(ns.show_object(fast.get(1).unwrap().as_borrowed()), "b");
        let err = ns
            .eval("5")
            .unwrap()
            .as_borrowed()
            .sequence_fast(cstr!("needs a sequence"))
            .err()
            .unwrap();
        assert_eq!(describe(&ns, err), "TypeError: needs a sequence");
    });
}

#[test]
fn strings_are_made_of_the_kind_said_in_one_copy() {
    python(|py| {
        let ns = Namespace::new(py);
        let ascii = PyStr::from_units(py, b"hello", StrKind::Ascii).unwrap();
        assert_eq!(ns.show_object(ascii.as_borrowed()), "hello");
        let latin = PyStr::from_units(py, &[0x61u16, 0xe9], StrKind::Latin1).unwrap();
        ns.set("s", latin.as_borrowed());
        assert_eq!(ns.show("s == 'a\\xe9'"), "True");
        let wide = PyStr::from_units(py, &[0x10000u32, 0x41], StrKind::Ucs4).unwrap();
        ns.set("s", wide.as_borrowed());
        assert_eq!(ns.show("s == '\\U00010000A'"), "True");
        assert!(matches!(
            wide.as_borrowed().data().unwrap(),
            StrData::Four(&[0x10000, 0x41])
        ));
        assert_eq!(wide.as_borrowed().str_kind().unwrap(), StrKind::Ucs4);
        // A kind that is not the text's is an error, never a str.
        let err = PyStr::from_units(py, b"abc", StrKind::Latin1).unwrap_err();
        assert!(describe(&ns, err).starts_with("SystemError"));
        let err = PyStr::from_units(py, &[0x100u16, 0x41], StrKind::Latin1).unwrap_err();
        assert!(describe(&ns, err).starts_with("SystemError"));
        let err = PyStr::from_units(py, &[0x110000u32, 0x10000], StrKind::Ucs4).unwrap_err();
        assert!(describe(&ns, err).starts_with("SystemError"));
        // A text as wide as its kind is copied whole, then checked eight
        // bytes at a time: a unit outside the kind in any lane of a word,
        // or in the tail, is found.
        for at in [0, 7, 8, 15, 16] {
            let mut bytes = [b'a'; 17];
            bytes[at] = 0x80;
            let err = PyStr::from_units(py, &bytes, StrKind::Ascii).unwrap_err();
            assert!(describe(&ns, err).starts_with("SystemError"), "byte {at}");
            assert!(PyStr::from_units(py, &bytes, StrKind::Latin1).is_ok());
            let mut wide = [0x41u16; 9];
            wide[at / 2] = 0x100;
            let err = PyStr::from_units(py, &wide, StrKind::Latin1).unwrap_err();
            assert!(
                describe(&ns, err).starts_with("SystemError"),
                "unit {}",
                at / 2
            );
        }
        // Units whose OR passes 0x10FFFF, each within it: a valid str.
        let planes = PyStr::from_units(py, &[0x41u32, 0x10ffff, 0xf0000], StrKind::Ucs4).unwrap();
        ns.set("s", planes.as_borrowed());
        assert_eq!(ns.show("s == 'A\\U0010ffff\\U000f0000'"), "True");
        let err = PyStr::from_units(py, &[0x41u32, 0x10ffff, 0x110000], StrKind::Ucs4).unwrap_err();
        assert!(describe(&ns, err).starts_with("SystemError"));
        // CPython's shared objects, as its own constructors give them.
        let empty = PyStr::from_units::<u8>(py, &[], StrKind::Ascii).unwrap();
        ns.set("e", empty.as_borrowed());
        assert_eq!(ns.show("e is ''[:0] and e == ''"), "True");
        let one = PyStr::from_units(py, &[0xe9u32], StrKind::Latin1).unwrap();
        let again = PyStr::from_char(py, 0xe9).unwrap();
        assert!(one.as_borrowed().is(again.as_borrowed()));
        ns.exec("import sys").unwrap();
        let interned = PyStr::intern(py, cstr!("NaN")).unwrap();
        ns.set("i", interned.as_borrowed());
        assert_eq!(ns.show("i is sys.intern('NaN')"), "True");
    });
}

#[test]
fn strings_lend_their_units_and_concatenate() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("import sys\nclass S(str): pass").unwrap();
        for (code, kind) in [
            ("'abc'", StrKind::Ascii),
            ("'\\xe9t\\xe9'", StrKind::Latin1),
            ("S('\\u20ac1')", StrKind::Ucs2),
            ("'\\U0001f600'", StrKind::Ucs4),
        ] {
            let s = ns.eval(code).unwrap();
            let s = s.as_borrowed().downcast::<PyStr>().unwrap();
            assert_eq!(s.str_kind().unwrap(), kind, "{code}");
            let data = s.data().unwrap();
            let max = match data {
                StrData::One(u) => u.iter().map(|&c| u32::from(c)).max(),
                StrData::Two(u) => u.iter().map(|&c| u32::from(c)).max(),
                StrData::Four(u) => u.iter().copied().max(),
            };
            assert_eq!(StrKind::of(max.unwrap_or(0)), kind, "{code}");
        }
        let (a, b) = (ns.eval("'ab'").unwrap(), ns.eval("'\\u20ac'").unwrap());
        let joined = PyStr::concat(a.as_borrowed(), b.as_borrowed()).unwrap();
        ns.set("j", joined.as_borrowed());
        assert_eq!(ns.show("j == 'ab\\u20ac'"), "True");
        let err = PyStr::concat(a.as_borrowed(), ns.eval("1").unwrap().as_borrowed()).unwrap_err();
        assert_eq!(
            describe(&ns, err),
            "TypeError: can only concatenate str (not \"int\") to str"
        );
        let appended = PyStr::append(
            a.as_borrowed().downcast::<PyStr>().unwrap().to_owned(),
            b.clone(),
        )
        .unwrap();
        ns.set("j", appended.as_borrowed());
        assert_eq!(ns.show("j == 'ab\\u20ac'"), "True");
    });
}

#[test]
fn ints_and_floats_come_from_text_as_int_and_float_make_them() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("import sys").unwrap();
        let n = PyInt::parse_decimal(py, b"-12345678901234567890123").unwrap();
        assert_eq!(ns.show_object(n.as_borrowed()), "-12345678901234567890123");
        assert_eq!(n.as_borrowed().as_i64(), None);
        let small = PyInt::parse_decimal(py, b"7").unwrap();
        assert!(
            small.as_borrowed().is(ns.eval("7").unwrap().as_borrowed()),
            "a small int"
        );
        assert_eq!(
            PyInt::from_i64(py, -3).unwrap().as_borrowed().as_i64(),
            Some(-3)
        );
        ns.exec("sys.set_int_max_str_digits(1000)").unwrap();
        let err = PyInt::parse_decimal(py, &[b'1'; 1001]).unwrap_err();
        assert!(describe(&ns, err).starts_with("ValueError: Exceeds the limit (1000 digits)"));
        let big = ns.eval("10 ** 1000 * 3").unwrap();
        let err = big
            .as_borrowed()
            .downcast::<PyInt>()
            .unwrap()
            .int_repr()
            .unwrap_err();
        assert!(describe(&ns, err).starts_with("ValueError: Exceeds the limit (1000 digits)"));
        ns.exec("sys.set_int_max_str_digits(0)").unwrap();
        ns.exec("import enum\nclass E(enum.IntEnum):\n    A = 5")
            .unwrap();
        let e = ns.eval("E.A").unwrap();
        let e = e.as_borrowed().downcast::<PyInt>().unwrap();
        assert_eq!(ns.show_object(e.int_repr().unwrap().as_borrowed()), "5");
        assert_eq!(e.as_i64(), Some(5));
        for text in [
            "1.5",
            "1e400",
            "-0.0",
            "2.5e-324",
            "123456789012345678901234567890e-10",
        ] {
            let f = PyFloat::parse(py, text.as_bytes()).unwrap();
            ns.set("f", f.as_borrowed());
            assert_eq!(
                ns.show(&std::format!("f == float('{text}')")),
                "True",
                "{text}"
            );
            let repr = f
                .as_borrowed()
                .with_float_repr(|b| std::string::String::from_utf8(b.to_vec()).unwrap());
            assert_eq!(repr.unwrap(), ns.show("float.__repr__(f)"));
        }
        let err = PyFloat::parse(py, b"1.5x").unwrap_err();
        assert_eq!(
            describe(&ns, err),
            "ValueError: could not convert string to float: '1.5x'"
        );
        ns.exec("class F(float):\n    def __repr__(self):\n        return 'F'")
            .unwrap();
        let f = ns.eval("F(2.5)").unwrap();
        let f = f.as_borrowed().downcast::<PyFloat>().unwrap();
        assert_eq!(f.value(), 2.5);
        assert_eq!(ns.show_object(f.float_repr().unwrap().as_borrowed()), "2.5");
        assert!(ns
            .eval("1.0")
            .unwrap()
            .as_borrowed()
            .downcast::<PyFloat>()
            .is_some());
        assert!(ns
            .eval("1")
            .unwrap()
            .as_borrowed()
            .downcast::<PyFloat>()
            .is_none());
    });
}

#[test]
fn calls_and_attributes() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("class C:\n    x = 5\n    def f(self, a):\n        return a + 1")
            .unwrap();
        let c = ns.eval("C()").unwrap();
        let x = c.as_borrowed().getattr(cstr!("x")).unwrap();
        assert_eq!(ns.show_object(x.as_borrowed()), "5");
        let f = c.as_borrowed().getattr(cstr!("f")).unwrap();
        let six = f.as_borrowed().call1(x.as_borrowed()).unwrap();
        assert_eq!(ns.show_object(six.as_borrowed()), "6");
        let err = c.as_borrowed().getattr(cstr!("y")).unwrap_err();
        assert_eq!(
            describe(&ns, err),
            "AttributeError: 'C' object has no attribute 'y'"
        );
        let id = c.as_borrowed().address_int().unwrap();
        ns.set("i", id.as_borrowed());
        ns.set("c", c.as_borrowed());
        assert_eq!(ns.show("i == id(c)"), "True");
        assert!(py.bool(true).is_true_singleton() && py.bool(false).is_false_singleton());
    });
}

#[test]
fn the_recursion_guard_counts_levels_and_leaves_them() {
    python(|py| {
        let ns = Namespace::new(py);
        ns.exec("import sys\nsys.setrecursionlimit(200)").unwrap();
        fn deep(py: crate::Python<'_>, n: usize) -> crate::PyResult<usize> {
            let _guard = py.enter_recursive_call(cstr!(" in a test"))?;
            if n == 0 {
                return Ok(0);
            }
            deep(py, n - 1).map(|d| d + 1)
        }
        assert_eq!(deep(py, 50).unwrap(), 50);
        let err = deep(py, 1_000_000).unwrap_err();
        assert!(describe(&ns, err)
            .starts_with("RecursionError: maximum recursion depth exceeded in a test"));
        // Every level was left: the same depth works again.
        assert_eq!(deep(py, 50).unwrap(), 50);
        ns.exec("sys.setrecursionlimit(1000)").unwrap();
    });
}

#[test]
fn exceptions_take_arguments_and_checked_formats() {
    python(|py| {
        let ns = Namespace::new(py);
        let idx = PyInt::from_isize(py, 7).unwrap();
        let err = PyErr::set_object(exc::stop_iteration(py), idx.as_borrowed());
        ns.set("e", err.value(py));
        assert_eq!(
            ns.show("(type(e).__name__, e.value, e.args)"),
            "('StopIteration', 7, (7,))"
        );
        ns.exec("class E(ValueError):\n    def __init__(self, msg, pos):\n        super().__init__(msg)\n        self.pos = pos").unwrap();
        let made = ns.eval("E('m', 3)").unwrap();
        let err = PyErr::set_object(ns.get("E"), made.as_borrowed());
        ns.set("e", err.value(py));
        assert_eq!(ns.show("(e.pos, str(e))"), "(3, 'm')");
        let err = PyErr::set_object(ns.eval("int").unwrap().as_borrowed(), made.as_borrowed());
        assert!(
            describe(&ns, err).starts_with("SystemError"),
            "not an exception class"
        );
        let list = ns.eval("[1.5]").unwrap();
        let err = PyErr::format(
            exc::value_error(py),
            cstr!("not compliant: %R (%s, %zd)"),
            &[
                FmtArg::Object(list.as_borrowed()),
                FmtArg::TypeName(list.as_borrowed()),
            ],
        );
        assert!(
            describe(&ns, err).starts_with("SystemError"),
            "three conversions, two arguments"
        );
        let err = PyErr::format(
            exc::value_error(py),
            cstr!("not compliant: %R (%.80s) 100%%"),
            &[
                FmtArg::Object(list.as_borrowed()),
                FmtArg::TypeName(list.as_borrowed()),
            ],
        );
        assert_eq!(
            describe(&ns, err),
            "ValueError: not compliant: [1.5] (list) 100%"
        );
        let err = PyErr::format(
            exc::value_error(py),
            cstr!("%zd"),
            &[FmtArg::Object(list.as_borrowed())],
        );
        assert!(
            describe(&ns, err).starts_with("SystemError"),
            "an object for %zd"
        );
        let err = PyErr::format(exc::value_error(py), cstr!("item %zd"), &[FmtArg::Size(-3)]);
        assert_eq!(describe(&ns, err), "ValueError: item -3");
        ns.exec("class R:\n    def __repr__(self):\n        raise KeyError('from repr')")
            .unwrap();
        let r = ns.eval("R()").unwrap();
        let err = PyErr::format(
            exc::value_error(py),
            cstr!("%R"),
            &[FmtArg::Object(r.as_borrowed())],
        );
        assert_eq!(
            describe(&ns, err),
            "KeyError: 'from repr'",
            "repr's error propagates"
        );
        assert!(no_exception_set(py));
    });
}
