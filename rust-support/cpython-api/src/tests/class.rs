//! Heap types with GC: a type made from a `PyClass`, its members, tp_new
//! and tp_call with C's argument errors, the collector's view (traverse,
//! clear), and a clear that waits for the call running on the object.

use super::{describe, python, Namespace};
use crate::class::{new_type, Init, Instance, Member, PyClass, Slot};
use crate::ffi;
use crate::module::{Gil, MethodTable, Module, ModuleDef, ModuleRef};
use crate::parse::{
    parse_tuple_and_keywords,
    unit::{N, O, P, U},
    Format, Keywords,
};
use crate::types::{PyDict, PyTuple, PyType};
use crate::{cstr, Borrowed, Owned, PyAny, PyResult, Python};
use core::ffi::{c_int, CStr};
use core::sync::atomic::{AtomicUsize, Ordering};

/// `Holder(hook, label, flag, *, n=0)`: calling it calls `hook(arg)`.
struct Holder {
    n: isize,
    calls: AtomicUsize,
}

const HOOK: usize = 0;
const LABEL: usize = 1;

static NEW_FORMAT: Format<(O, U, P, N), 4> = Format::new(cstr!("Holder"), 3);
static NEW_KEYWORDS: Keywords<4> =
    Keywords::new([cstr!("hook"), cstr!("label"), cstr!("flag"), cstr!("n")]);
static CALL_FORMAT: Format<(O,), 1> = Format::new(cstr!("call"), 1);
static CALL_KEYWORDS: Keywords<1> = Keywords::new([cstr!("arg")]);

impl PyClass for Holder {
    const NAME: &'static CStr = cstr!("apiclass.Holder");
    const DOC: Option<&'static CStr> = Some(cstr!("Holder(hook, label, flag, n=0)"));
    type Objects = [Slot; 2];
    type Flags = [bool; 1];
    const MEMBERS: &'static [Member] = &[
        Member::object(cstr!("hook"), HOOK, Some(cstr!("the hook"))),
        Member::object(cstr!("label"), LABEL, None),
        Member::flag(cstr!("flag"), 0, Some(cstr!("flag"))),
    ];
    const CALLABLE: bool = true;

    fn new<'py>(
        _py: Python<'py>,
        _cls: Borrowed<'_, 'py, PyType>,
        args: Borrowed<'_, 'py, PyTuple>,
        kwargs: Option<Borrowed<'_, 'py, PyDict>>,
    ) -> PyResult<Init<Self>> {
        let (hook, label, flag, n) =
            parse_tuple_and_keywords(args, kwargs, &NEW_FORMAT, &NEW_KEYWORDS, ((), (), false, 0))?;
        Ok(Init {
            value: Holder {
                n,
                calls: AtomicUsize::new(0),
            },
            objects: [Slot::new(hook), label.map_or(Slot::empty(), Slot::new)],
            flags: [flag],
        })
    }

    fn call<'a, 'py>(
        _py: Python<'py>,
        this: Instance<'a, 'py, Self>,
        args: Borrowed<'a, 'py, PyTuple>,
        kwargs: Option<Borrowed<'a, 'py, PyDict>>,
    ) -> PyResult<Owned<'py, PyAny>> {
        let (arg,) = parse_tuple_and_keywords(args, kwargs, &CALL_FORMAT, &CALL_KEYWORDS, ((),))?;
        this.value().calls.fetch_add(1, Ordering::Relaxed);
        let hook = this.object(HOOK);
        let result = hook.call1(arg.as_borrowed())?;
        // The slot still holds the hook after any code the hook ran: the
        // collector does not clear an object during a call on it.
        assert!(this.object(HOOK).is(hook));
        let _ = this.value().n;
        Ok(result)
    }
}

struct ClassModule;

impl Module for ClassModule {
    type State = ();
    const NAME: &'static CStr = cstr!("apiclass");
    const DOC: &'static CStr = cstr!("Heap types.");
    const GIL: Gil = Gil::NotUsed;
    fn exec<'py>(py: Python<'py>, module: ModuleRef<'_, 'py, Self>) -> PyResult<()> {
        let ty = new_type::<Holder>(py)?;
        module.add(cstr!("Holder"), ty.as_borrowed())
    }
}

static METHODS: MethodTable<0> = MethodTable::new([]);
static MODULE: ModuleDef<ClassModule> = ModuleDef::new(&METHODS);

extern "C" {
    fn PyModule_FromDefAndSpec2(
        def: *mut ffi::PyModuleDef,
        spec: *mut ffi::PyObject,
        api: c_int,
    ) -> *mut ffi::PyObject;
    fn PyModule_ExecDef(module: *mut ffi::PyObject, def: *mut ffi::PyModuleDef) -> c_int;
}

fn import<'py>(py: Python<'py>, ns: &Namespace<'py>) {
    ns.exec("import types, gc; spec = types.SimpleNamespace(name='apiclass')")
        .unwrap();
    let def = MODULE.init(py) as *mut ffi::PyModuleDef;
    // SAFETY: an initialized definition and a spec with a name.
    let module = unsafe {
        let module = PyModule_FromDefAndSpec2(def, ns.get("spec").as_ptr(), 1013);
        assert!(!module.is_null(), "module created");
        assert_eq!(PyModule_ExecDef(module, def), 0, "module executed");
        Owned::<PyAny>::from_new(py, module).unwrap()
    };
    ns.set("m", module.as_borrowed());
}

fn raises(ns: &Namespace<'_>, code: &str) -> std::string::String {
    describe(ns, ns.eval(code).expect_err("an exception"))
}

#[test]
fn the_type_is_named_documented_and_not_subclassable() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        assert_eq!(ns.show("m.Holder"), "<class 'apiclass.Holder'>");
        assert_eq!(ns.show("m.Holder.__module__"), "apiclass");
        assert_eq!(ns.show("m.Holder.__qualname__"), "Holder");
        assert_eq!(
            ns.show("m.Holder.__doc__"),
            "Holder(hook, label, flag, n=0)"
        );
        assert_eq!(ns.show("type(m.Holder.hook).__name__"), "member_descriptor");
        assert_eq!(ns.show("m.Holder.hook.__doc__"), "the hook");
        assert_eq!(ns.show("m.Holder.label.__doc__"), "None");
        assert_eq!(
            ns.show("bool(m.Holder.__flags__ & (1 << 14))"),
            "True",
            "Py_TPFLAGS_HAVE_GC"
        );
        assert!(raises(&ns, "type('Sub', (m.Holder,), {})")
            .starts_with("TypeError: type 'apiclass.Holder' is not an acceptable base type"));
        // Mutable, as C's PyType_FromSpec types without IMMUTABLETYPE.
        ns.exec("m.Holder.extra = 1").unwrap();
        assert_eq!(ns.show("m.Holder.extra"), "1");
    });
}

#[test]
fn members_read_the_slots_and_flags_and_are_read_only() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        ns.exec("h = m.Holder(len, 'x', [1])").unwrap();
        assert_eq!(ns.show("h.hook is len"), "True");
        assert_eq!(ns.show("h.label"), "x");
        assert_eq!(ns.show("h.flag"), "True");
        assert_eq!(ns.show("m.Holder(len, 'x', 0).flag"), "False");
        assert_eq!(
            raises(&ns, "setattr(h, 'flag', 0)"),
            "AttributeError: readonly attribute"
        );
        assert_eq!(
            raises(&ns, "delattr(h, 'hook')"),
            "AttributeError: readonly attribute"
        );
        assert_eq!(
            ns.show("sorted(a for a in dir(h) if not a.startswith('_'))"),
            "['flag', 'hook', 'label']"
        );
    });
}

#[test]
fn new_and_call_parse_their_arguments_as_c_does() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        assert_eq!(
            raises(&ns, "m.Holder()"),
            "TypeError: Holder() missing required argument 'hook' (pos 1)"
        );
        assert_eq!(
            raises(&ns, "m.Holder(len, 5, 1)"),
            "TypeError: Holder() argument 2 must be str, not int"
        );
        assert_eq!(
            raises(&ns, "m.Holder(len, 'x', 1, 2, 3)"),
            "TypeError: Holder() takes at most 4 arguments (5 given)"
        );
        assert_eq!(
            raises(&ns, "m.Holder(len, 'x', 1, n='a')"),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(
            raises(&ns, "m.Holder(len, 'x', 1, bad=2)"),
            "TypeError: 'bad' is an invalid keyword argument for Holder()"
        );
        ns.exec("h = m.Holder(label='y', flag=0, hook=lambda a: a * 2, n=4)")
            .unwrap();
        assert_eq!(ns.show("h(21)"), "42");
        assert_eq!(ns.show("h(arg='ab')"), "abab");
        assert_eq!(
            raises(&ns, "h()"),
            "TypeError: call() missing required argument 'arg' (pos 1)"
        );
        assert_eq!(
            raises(&ns, "m.Holder(lambda a: 1 / a, 'x', 0)(0)"),
            "ZeroDivisionError: division by zero"
        );
    });
}

#[test]
fn cycles_through_the_slots_are_collected() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        ns.exec(
            "class Probe:\n    pass\n\
             import weakref\n\
             p = Probe()\n\
             h = m.Holder(p, 'x', 0)\n\
             p.h = h\n\
             r = weakref.ref(p)\n\
             assert h in gc.get_referents(p) and p in gc.get_referents(h)\n\
             del p, h\n\
             gc.collect()\n",
        )
        .unwrap();
        assert_eq!(ns.show("r() is None"), "True", "the cycle was freed");
    });
}

#[test]
fn clear_waits_for_a_running_call_and_then_reads_as_none() {
    python(|py| {
        let ns = Namespace::new(py);
        import(py, &ns);
        let holder = ns.eval("m.Holder(len, 'x', 1)").unwrap();
        let raw = holder.as_ptr();
        // SAFETY: an instance of Holder's type, alive (held above).
        let this = unsafe { Instance::<Holder>::new(holder.as_borrowed()) };
        // A call runs: tp_clear leaves the slots.
        // SAFETY: the instance's counter.
        let calls = unsafe { crate::class::calls_for_tests::<Holder>(raw) };
        calls.fetch_add(1, Ordering::SeqCst);
        // SAFETY: tp_clear on a live instance, on an attached thread.
        unsafe { crate::class::clear_for_tests::<Holder>(raw) };
        assert_eq!(ns.show_object(this.object(HOOK)), "<built-in function len>");
        calls.fetch_sub(1, Ordering::SeqCst);
        // SAFETY: as above, with no call running.
        unsafe { crate::class::clear_for_tests::<Holder>(raw) };
        assert!(this.object(HOOK).is_none());
        assert!(this.object(LABEL).is_none());
        assert!(this.flag(0), "flags are not references");
        ns.set("h", holder.as_borrowed());
        assert_eq!(ns.show("(h.hook, h.label)"), "(None, None)");
        // Calling a cleared object calls None: an error, not a crash.
        assert_eq!(
            raises(&ns, "h(1)"),
            "TypeError: 'NoneType' object is not callable"
        );
    });
}
