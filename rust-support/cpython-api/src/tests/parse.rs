//! METH_VARARGS functions with `PyArg_ParseTuple`'s own messages, docstrings
//! as C writes them, and telling a module's own builtins apart.

use super::{describe, python, Namespace};
use crate::ffi;
use crate::function::is_function;
use crate::module::{Gil, MethodTable, Module, ModuleDef, ModuleRef};
use crate::parse::{
    parse_tuple,
    unit::{I, N, O, P},
    Format,
};
use crate::types::{PyStr, PyTuple};
use crate::{cstr, function, Borrowed, Owned, PyAny, PyResult, Python};
use core::ffi::{c_int, CStr};

struct VarMod;

impl Module for VarMod {
    type State = ();
    const NAME: &'static CStr = cstr!("apivar");
    const DOC: &'static CStr = cstr!("");
    const GIL: Gil = Gil::NotUsed;
    fn exec<'py>(_: Python<'py>, _: ModuleRef<'_, 'py, Self>) -> PyResult<()> {
        Ok(())
    }
}

static SCAN_FORMAT: Format<(O, N, P, I), 4> = Format::new(cstr!("scan"), 2);

function! {
    #[pydoc_raw("scan(string, end, strict=True) -> (string, end)\n\nScans.")]
    fn scan<'py>(py, module: VarMod, *args) -> PyResult<Owned<'py, PyTuple>> {
        let (string, end, strict, mode) =
            parse_tuple(args, &SCAN_FORMAT, ((), 0, true, -1))?;
        let end = crate::types::PyInt::from_isize(py, end + isize::from(strict) * 100 + mode as isize * 1000)?;
        PyTuple::new(py, [string.as_borrowed(), end.as_borrowed().as_any()])
    }
}

function! {
    #[pydoc_raw("echo(string) -> string\n\nReturns it.")]
    fn echo<'py>(py, module: VarMod, s: Borrowed<PyAny>, /) -> PyResult<Owned<'py, PyAny>> {
        Ok(s.to_owned())
    }
}

function! {
    #[pydoc("Is it echo?")]
    fn is_echo<'py>(py, module: VarMod, f: Borrowed<PyAny>, /) -> PyResult<Owned<'py, PyAny>> {
        Ok(py.bool(is_function::<echo>(f)).to_owned())
    }
}

static METHODS: MethodTable<3> = MethodTable::new([scan::DEF, echo::DEF, is_echo::DEF]);
static MODULE: ModuleDef<VarMod> = ModuleDef::new(&METHODS);

extern "C" {
    fn PyModule_FromDefAndSpec2(
        def: *mut ffi::PyModuleDef,
        spec: *mut ffi::PyObject,
        api: c_int,
    ) -> *mut ffi::PyObject;
    fn PyModule_ExecDef(module: *mut ffi::PyObject, def: *mut ffi::PyModuleDef) -> c_int;
}

fn import<'py>(py: Python<'py>, ns: &Namespace<'py>, name: &str) {
    ns.exec("import types; spec = types.SimpleNamespace(name='apivar')")
        .unwrap();
    let def = MODULE.init(py) as *mut ffi::PyModuleDef;
    // SAFETY: an initialized definition and a spec with a name.
    let module = unsafe {
        let module = PyModule_FromDefAndSpec2(def, ns.get("spec").as_ptr(), 1013);
        assert!(!module.is_null(), "module created");
        assert_eq!(PyModule_ExecDef(module, def), 0, "module executed");
        Owned::<PyAny>::from_new(py, module).unwrap()
    };
    ns.set(name, module.as_borrowed());
}

fn raises(ns: &Namespace<'_>, code: &str) -> std::string::String {
    describe(ns, ns.eval(code).expect_err("an exception"))
}

#[test]
fn varargs_functions_parse_with_pyarg_parsetuple() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns, "m");
        assert_eq!(ns.show("m.scan('s', 5)"), "('s', -895)");
        assert_eq!(ns.show("m.scan('s', 5, 0, 2)"), "('s', 2005)");
        assert_eq!(ns.show("m.scan('s', 5, [], 1)"), "('s', 1005)");
        assert_eq!(
            raises(&ns, "m.scan('s')"),
            "TypeError: scan() takes at least 2 arguments (1 given)"
        );
        assert_eq!(
            raises(&ns, "m.scan('s', 1, 2, 3, 4)"),
            "TypeError: scan() takes at most 4 arguments (5 given)"
        );
        assert_eq!(
            raises(&ns, "m.scan('s', 'x')"),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        // CPython's wording ("apivar.scan()" from 3.13 on).
        assert!(raises(&ns, "m.scan('s', 1, strict=True)")
            .ends_with("scan() takes no keyword arguments"));
        assert_eq!(
            raises(&ns, "m.scan('s', 2**70)"),
            "OverflowError: Python int too large to convert to C ssize_t"
        );
    });
}

/// Positional calls whose arguments convert without running code skip the
/// parser; every other argument reaches it, so its code runs once, in
/// the parser's order, and the values are the parser's.
#[test]
fn the_parser_is_skipped_only_where_it_would_run_no_code() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns, "m");
        ns.exec(concat!(
            "calls = []\n",
            "class B:\n",
            "    def __init__(self, v): self.v = v\n",
            "    def __bool__(self): calls.append(('bool', self.v)); return bool(self.v)\n",
            "class X:\n",
            "    def __index__(self): calls.append('index'); return 7\n",
            "class Big(int): pass\n",
        ))
        .unwrap();
        // The fast path: True/False, exact ints, any object.
        assert_eq!(ns.show("m.scan('s', 5, False, 2)"), "('s', 2005)");
        assert_eq!(ns.show("m.scan(None, -5, True)"), "(None, -905)");
        // The parser: other truth values, int subclasses, __index__.
        assert_eq!(ns.show("m.scan('s', 5, B(0), 2)"), "('s', 2005)");
        assert_eq!(ns.show("m.scan('s', True, B(1), Big(1))"), "('s', 1101)");
        assert_eq!(ns.show("m.scan('s', X(), B(1))"), "('s', -893)");
        assert_eq!(
            ns.show("calls"),
            "[('bool', 0), ('bool', 1), 'index', ('bool', 1)]"
        );
        // Out of range for `i`: the parser's message.
        assert_eq!(
            raises(&ns, "m.scan('s', 5, True, 2**40)"),
            "OverflowError: signed integer is greater than maximum"
        );
        // A bad argument after one whose conversion is code: the code
        // runs first, once, as in the parser.
        ns.exec("calls.clear()").unwrap();
        assert_eq!(
            raises(&ns, "m.scan('s', 5, B(1), 'x')"),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(ns.show("calls"), "[('bool', 1)]");
    });
}

#[test]
fn raw_docstrings_have_no_signature() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns, "m");
        assert_eq!(ns.show("m.scan.__text_signature__"), "None");
        assert_eq!(
            ns.show("m.scan.__doc__"),
            "scan(string, end, strict=True) -> (string, end)\n\nScans."
        );
        assert_eq!(ns.show("m.echo.__text_signature__"), "None");
        assert_eq!(ns.show("m.is_echo.__text_signature__"), "($module, f, /)");
    });
}

#[test]
fn a_builtin_is_known_by_its_c_function_in_any_module_object() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns, "m");
        import(py, &ns, "m2");
        assert_eq!(ns.show("m.is_echo(m.echo)"), "True");
        assert_eq!(
            ns.show("m.is_echo(m2.echo)"),
            "True",
            "another module object"
        );
        assert_eq!(ns.show("m.is_echo(m.scan)"), "False");
        assert_eq!(ns.show("m.is_echo(len)"), "False");
        assert_eq!(ns.show("m.is_echo(lambda s: s)"), "False");
        let _ = PyStr::from_ascii(py, b"x").unwrap();
    });
}
