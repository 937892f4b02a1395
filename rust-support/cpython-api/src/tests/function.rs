//! `function!` end to end: a module made from declarations, imported by
//! the embedded interpreter, and called from Python: signatures,
//! docstrings, conversions and CPython's own argument errors.

use super::{python, Namespace};
use crate::buffer::BytesLike;
use crate::convert::UnsignedIntBitwise;
use crate::ffi;
use crate::module::{Gil, MethodTable, Module, ModuleDef, ModuleRef};
use crate::state::{ModuleState, Traversal, Visit};
use crate::types::{ExceptionClass, PyBytes, PyInt};
use crate::{cstr, exc, function, Borrowed, Owned, Py, PyAny, PyErr, PyResult, Python};
use core::ffi::{c_int, CStr};

struct Test;

struct State {
    error: Py<ExceptionClass>,
}

impl ModuleState for State {
    fn traverse(&self, visit: &mut Visit<'_>) -> Traversal {
        visit.visit(&self.error)
    }
}

impl Module for Test {
    type State = State;
    const NAME: &'static CStr = cstr!("apitest");
    const DOC: &'static CStr = cstr!("The API's test module.");
    const GIL: Gil = Gil::NotUsed;
    fn exec<'py>(py: Python<'py>, module: ModuleRef<'_, 'py, Self>) -> PyResult<State> {
        let error = ExceptionClass::new(py, cstr!("apitest.Error"), None, None)?;
        module.add(cstr!("Error"), error.as_borrowed())?;
        Ok(State {
            error: error.unbind(),
        })
    }
}

function! {
    #[pydoc("Returns its argument.")]
    fn one<'py>(py, module: Test, x: Borrowed<PyAny>, /) -> PyResult<Owned<'py, PyAny>> {
        Ok(x.to_owned())
    }
}

function! {
    #[pydoc("Adds.")]
    fn add<'py>(py, module: Test, a: UnsignedIntBitwise, b: UnsignedIntBitwise = "2", /)
        -> PyResult<Owned<'py, PyInt>>
    {
        PyInt::from_u32(py, a.0.wrapping_add(b.0))
    }
}

function! {
    #[pydoc("Every kind of parameter.\n", "\n", "Second paragraph.")]
    fn mixed<'py>(
        py,
        module: Test,
        /,
        data: BytesLike,
        flag: bool = "False",
        *,
        n: c_int = "-1",
        extra: Option<Borrowed<PyAny>> = NULL
    ) -> PyResult<Owned<'py, PyBytes>> {
        let data = data.read()?;
        let mut out = alloc::vec::Vec::from(data);
        out.push(if flag { b'T' } else { b'F' });
        out.extend_from_slice(if n < 0 { b"-" } else { b"+" });
        out.push(if extra.is_some() { b'E' } else { b'_' });
        PyBytes::new(py, &out)
    }
}

function! {
    #[pydoc("Raises the module's error.")]
    fn fail<'py>(py, module: Test, code: c_int, /) -> PyResult<Owned<'py, PyAny>> {
        let state = module.state()?;
        if code == 0 {
            return Err(PyErr::new(exc::value_error(py), "zero"));
        }
        Err(PyErr::new(state.error.bind(py), "from the state"))
    }
}

static METHODS: MethodTable<4> = MethodTable::new([one::DEF, add::DEF, mixed::DEF, fail::DEF]);
static MODULE: ModuleDef<Test> = ModuleDef::new(&METHODS);

extern "C" {
    fn PyModule_FromDefAndSpec2(
        def: *mut ffi::PyModuleDef,
        spec: *mut ffi::PyObject,
        api: c_int,
    ) -> *mut ffi::PyObject;
    fn PyModule_ExecDef(module: *mut ffi::PyObject, def: *mut ffi::PyModuleDef) -> c_int;
}

/// `import apitest`, by hand: the module made and executed from its
/// definition, as the import machinery does for an extension.
fn import<'py>(py: Python<'py>, ns: &Namespace<'py>) {
    ns.exec("import types; spec = types.SimpleNamespace(name='apitest')")
        .unwrap();
    let def = MODULE.init(py) as *mut ffi::PyModuleDef;
    // SAFETY: an initialized definition and a spec with a name, on an
    // attached thread.
    let module = unsafe {
        let module = PyModule_FromDefAndSpec2(def, ns.get("spec").as_ptr(), 1013);
        assert!(!module.is_null(), "module created");
        assert_eq!(PyModule_ExecDef(module, def), 0, "module executed");
        Owned::<PyAny>::from_new(py, module).unwrap()
    };
    ns.set("m", module.as_borrowed());
    ns.exec("import inspect").unwrap();
}

fn show(ns: &Namespace<'_>, code: &str) -> std::string::String {
    ns.show(code)
}

/// The exception an expression raises, as `type: message`.
fn raises(ns: &Namespace<'_>, code: &str) -> std::string::String {
    let err = ns.eval(code).expect_err("an exception");
    super::describe(ns, err)
}

#[test]
fn signatures_and_docstrings_follow_the_declaration() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        assert_eq!(show(&ns, "m.one.__text_signature__"), "($module, x, /)");
        assert_eq!(show(&ns, "m.one.__doc__"), "Returns its argument.");
        assert_eq!(show(&ns, "inspect.signature(m.add)"), "(a, b=2, /)");
        assert_eq!(
            show(&ns, "m.mixed.__text_signature__"),
            "($module, /, data, flag=False, *, n=-1, extra=<unrepresentable>)"
        );
        assert_eq!(
            show(&ns, "m.mixed.__doc__"),
            "Every kind of parameter.\n\nSecond paragraph."
        );
        assert_eq!(show(&ns, "m.__doc__"), "The API's test module.");
    });
}

#[test]
fn the_calling_convention_follows_from_the_parameters() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        // METH_O, METH_FASTCALL, METH_FASTCALL | METH_KEYWORDS: CPython's
        // own messages for each.
        assert_eq!(
            raises(&ns, "m.one()"),
            "TypeError: apitest.one() takes exactly one argument (0 given)"
        );
        assert_eq!(
            raises(&ns, "m.add(1, 2, 3)"),
            "TypeError: add expected at most 2 arguments, got 3"
        );
        assert_eq!(
            raises(&ns, "m.add(a=1)"),
            "TypeError: apitest.add() takes no keyword arguments"
        );
        assert_eq!(
            raises(&ns, "m.mixed()"),
            "TypeError: mixed() missing required argument 'data' (pos 1)"
        );
        assert_eq!(
            raises(&ns, "m.mixed(b'', False, 1)"),
            "TypeError: mixed() takes at most 2 positional arguments (3 given)"
        );
    });
}

#[test]
fn arguments_and_defaults_are_converted() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        assert_eq!(show(&ns, "m.add(40)"), "42");
        assert_eq!(show(&ns, "m.add(2**32 + 1, 1)"), "2", "bitwise: truncated");
        assert_eq!(show(&ns, "m.one(m)"), "<module 'apitest'>");
        assert_eq!(show(&ns, "m.mixed(b'ab')"), "b'abF-_'");
        assert_eq!(
            show(&ns, "m.mixed(bytearray(b'ab'), [1], n=0, extra=None)"),
            "b'abT+E'"
        );
        assert_eq!(
            show(&ns, "m.mixed(data=memoryview(b'x'), flag=0)"),
            "b'xF-_'"
        );
        assert_eq!(
            raises(&ns, "m.mixed([])"),
            "TypeError: a bytes-like object is required, not 'list'"
        );
        assert_eq!(
            raises(&ns, "m.mixed(b'', n=2**40)"),
            "OverflowError: Python int too large to convert to C int"
        );
    });
}

#[test]
fn errors_come_from_state_or_builtins() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        assert_eq!(raises(&ns, "m.fail(0)"), "ValueError: zero");
        assert_eq!(raises(&ns, "m.fail(1)"), "Error: from the state");
        assert_eq!(show(&ns, "m.Error.__module__"), "apitest");
        assert_eq!(show(&ns, "isinstance(m.Error(), Exception)"), "True");
    });
}
