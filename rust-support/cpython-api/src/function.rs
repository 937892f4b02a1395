//! Module functions: one declaration each, [`function!`](macro@crate::function),
//! makes the argument parser (its buffer sized by the parameter count),
//! the conversions, the docstring with its `__text_signature__`, and the
//! method-table row; the C entry point is a generic trampoline here, so
//! the module crate holds no `unsafe`.
//!
//! The declaration mirrors the C function's text signature, parameter by
//! parameter: `/` ends the positional-only parameters (a leading `/`:
//! there are none), `*` starts the keyword-only ones, and a default is
//! written as the signature shows it (`= "False"`, `= "1"`, `= NULL` for
//! Argument Clinic's `<unrepresentable>`). The calling convention follows
//! from it, as Argument Clinic chooses it: METH_O for one positional-only
//! parameter, METH_FASTCALL when all are positional-only, else
//! METH_FASTCALL | METH_KEYWORDS.
//!
//! ```ignore
//! cpython_api::function! {
//!     #[pydoc("Uuencode line of data.")]
//!     pub fn b2a_uu<'py>(py, module: Binascii, data: BytesLike, /, *, backtick: Flag = "False")
//!         -> PyResult<Owned<'py, PyBytes>>
//!     {
//!         let data = data.read()?;
//!         ...
//!     }
//! }
//! ```
//!
//! gives `b2a_uu.__text_signature__ == "($module, data, /, *, backtick=False)"`.

use crate::args::{positional, Args, VectorArgs};
use crate::error::{into_return, PyResult};
use crate::ffi;
use crate::module::{MethodDef, Module, ModuleRef};
use crate::object::{Borrowed, Owned, PyAny};
use crate::python::Python;
use core::ffi::{c_int, CStr};
use core::ptr::NonNull;

/// What every declared function has.
pub trait Function: 'static {
    type Module: Module;
    /// `__name__`.
    const NAME: &'static CStr;
    /// `__doc__`, led by the text signature line and `--`.
    const DOC: &'static CStr;
}

/// METH_O: one positional-only parameter.
pub trait OneArgFunction: Function {
    fn call<'a, 'py>(
        py: Python<'py>,
        module: ModuleRef<'a, 'py, Self::Module>,
        arg: Borrowed<'a, 'py, PyAny>,
    ) -> PyResult<Owned<'py, PyAny>>;
}

/// METH_FASTCALL: positional-only parameters, `MIN` of them required.
pub trait PositionalFunction: Function {
    const MIN: usize;
    const MAX: usize;
    fn call<'a, 'py>(
        py: Python<'py>,
        module: ModuleRef<'a, 'py, Self::Module>,
        args: Args<'a, 'py>,
    ) -> PyResult<Owned<'py, PyAny>>;
}

/// METH_VARARGS: the arguments as a tuple, for [`parse_tuple`](crate::parse::parse_tuple)
/// (what C functions parse with `PyArg_ParseTuple`).
pub trait VarargsFunction: Function {
    fn call<'a, 'py>(
        py: Python<'py>,
        module: ModuleRef<'a, 'py, Self::Module>,
        args: Borrowed<'a, 'py, crate::types::PyTuple>,
    ) -> PyResult<Owned<'py, PyAny>>;
}

/// METH_FASTCALL | METH_KEYWORDS: the declaration's parser unpacks them.
pub trait KeywordsFunction: Function {
    fn call<'a, 'py>(
        py: Python<'py>,
        module: ModuleRef<'a, 'py, Self::Module>,
        args: VectorArgs<'a, 'py>,
    ) -> PyResult<Owned<'py, PyAny>>;
}

unsafe extern "C" fn one_arg<F: OneArgFunction>(
    module: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls a METH_O function on an attached thread with
    // its module (m_self, made from F::Module's definition, whose table
    // holds this row) and one argument, both alive for the call.
    let (py, module, arg) = unsafe {
        (
            Python::assume_attached(),
            ModuleRef::<F::Module>::new(module),
            Borrowed::from_ptr(NonNull::new_unchecked(arg)),
        )
    };
    into_return(py, F::call(py, module, arg))
}

unsafe extern "C" fn varargs<F: VarargsFunction>(
    module: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls a METH_VARARGS function on an attached thread
    // with its module (as in one_arg) and a tuple of the positional
    // arguments, alive for the call.
    let (py, module, args) = unsafe {
        (
            Python::assume_attached(),
            ModuleRef::<F::Module>::new(module),
            Borrowed::from_ptr(NonNull::new_unchecked(args)),
        )
    };
    into_return(py, F::call(py, module, args))
}

unsafe extern "C" fn fastcall<F: PositionalFunction>(
    module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls a METH_FASTCALL function on an attached thread
    // with its module (as in one_arg) and `nargs` arguments at `args`,
    // alive for the call.
    let (py, module) = unsafe {
        (
            Python::assume_attached(),
            ModuleRef::<F::Module>::new(module),
        )
    };
    // SAFETY: as above.
    let result = unsafe { positional(F::NAME, args, nargs, F::MIN, F::MAX) }
        .and_then(|args| F::call(py, module, args));
    into_return(py, result)
}

unsafe extern "C" fn fastcall_keywords<F: KeywordsFunction>(
    module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls a METH_FASTCALL | METH_KEYWORDS function on an
    // attached thread with its module (as in one_arg) and vectorcall
    // arguments, alive for the call.
    let (py, module, args) = unsafe {
        (
            Python::assume_attached(),
            ModuleRef::<F::Module>::new(module),
            VectorArgs::new(args, nargs, kwnames),
        )
    };
    into_return(py, F::call(py, module, args))
}

type OneArg = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
type FastCall = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
) -> *mut ffi::PyObject;
type FastCallKeywords = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

const fn row<F: Function>(meth: OneArg, flags: u32) -> MethodDef {
    MethodDef(ffi::PyMethodDef {
        ml_name: F::NAME.as_ptr(),
        ml_meth: Some(meth),
        ml_flags: flags as c_int,
        ml_doc: F::DOC.as_ptr(),
    })
}

/// The table row of a METH_O function.
pub const fn one_arg_row<F: OneArgFunction>() -> MethodDef {
    row::<F>(one_arg::<F>, ffi::METH_O)
}

/// The table row of a METH_VARARGS function.
pub const fn varargs_row<F: VarargsFunction>() -> MethodDef {
    row::<F>(varargs::<F>, ffi::METH_VARARGS)
}

/// Whether `obj` is the builtin function made from `F`'s row (C's
/// `PyCFunction_Check(obj) && PyCFunction_GetFunction(obj) == f`), in this
/// interpreter's module or any other's. The addresses are compared: a
/// build with several codegen units (the dev profile) may hold more than
/// one copy of a generic function, so the answer is then false where C's
/// is true; callers use it to take a shortcut to the same result.
pub fn is_function<F: OneArgFunction>(obj: Borrowed<'_, '_, PyAny>) -> bool {
    let cfunction = core::ptr::addr_of_mut!(ffi::PyCFunction_Type);
    let ty = obj.type_ptr();
    // SAFETY: live type objects; PyCFunction_GetFunction reads the method
    // of a builtin function (PyCFunction_Check holds), on an attached thread.
    unsafe {
        (ty == cfunction || ffi::PyType_IsSubtype(ty, cfunction) != 0)
            && ffi::PyCFunction_GetFunction(obj.as_ptr()).map_or(0, |f| f as usize)
                == one_arg::<F> as OneArg as usize
    }
}

/// The table row of a METH_FASTCALL function.
pub const fn fastcall_row<F: PositionalFunction>() -> MethodDef {
    // SAFETY: CPython calls ml_meth with the signature its flags name
    // (`_PyCFunction_CAST` in C).
    let meth = unsafe { core::mem::transmute::<FastCall, OneArg>(fastcall::<F>) };
    row::<F>(meth, ffi::METH_FASTCALL)
}

/// The table row of a METH_FASTCALL | METH_KEYWORDS function.
pub const fn fastcall_keywords_row<F: KeywordsFunction>() -> MethodDef {
    // SAFETY: as in fastcall_row.
    let meth = unsafe { core::mem::transmute::<FastCallKeywords, OneArg>(fastcall_keywords::<F>) };
    row::<F>(meth, ffi::METH_FASTCALL | ffi::METH_KEYWORDS)
}

/// A parameter's index: one `()` per parameter before it.
#[doc(hidden)]
pub const fn position(earlier: &[()]) -> usize {
    earlier.len()
}

/// How many of `flags` are true (the macro's counts).
#[doc(hidden)]
pub const fn count(flags: &[bool]) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < flags.len() {
        if flags[i] {
            n += 1;
        }
        i += 1;
    }
    n
}

/// Python's rule, as Argument Clinic enforces it: no required positional
/// parameter after one with a default.
#[doc(hidden)]
pub const fn required_first(required: &[bool]) -> bool {
    let mut i = 1;
    while i < required.len() {
        if required[i] && !required[i - 1] {
            return false;
        }
        i += 1;
    }
    true
}

/// Declares a module function: see the [module documentation](self).
///
/// `pub fn NAME<'py>(py, module: MODULE, PARAMS) -> PyResult<Owned<'py, T>> { BODY }`,
/// led by `#[pydoc("docstring", ...)]` (pieces joined as by `concat!`).
/// Each parameter is `name: Type` (a [`FromArg`](crate::convert::FromArg)
/// converter), `name: Type = "default"` or `name: Type = NULL` (a
/// [`DefaultArg`](crate::convert::DefaultArg)), `/` or `*`. It makes a unit
/// type `NAME` whose `NAME::DEF` is the method-table row.
#[macro_export]
macro_rules! function {
    // METH_VARARGS: `*args` is the tuple of arguments.
    (
        #[$docmode:ident($($doc:tt)+)]
        $(#[$meta:meta])*
        $vis:vis fn $name:ident <$lt:lifetime> ($py:ident, $module:ident : $M:ty, *$args:ident $(: $argty:ty)?)
            -> $ret:ty $body:block
    ) => {
        $crate::function!(@common [$(#[$meta])*] [$vis] $name $M [$docmode $($doc)+] ["*args"] varargs_row);
        impl $crate::function::VarargsFunction for $name {
            #[inline]
            #[allow(unused_variables, clippy::redundant_closure_call)]
            fn call<'a, $lt>(
                $py: $crate::python::Python<$lt>,
                $module: $crate::module::ModuleRef<'a, $lt, $M>,
                $args: $crate::object::Borrowed<'a, $lt, $crate::types::PyTuple>,
            ) -> $crate::PyResult<$crate::object::Owned<$lt, $crate::object::PyAny>> {
                let result: $ret = (move || -> $ret { $body })();
                result.map($crate::object::Owned::into_any)
            }
        }
    };
    (
        #[$docmode:ident($($doc:tt)+)]
        $(#[$meta:meta])*
        $vis:vis fn $name:ident <$lt:lifetime> ($py:ident, $module:ident : $M:ty, $($params:tt)*)
            -> $ret:ty $body:block
    ) => {
        $crate::function!(@parse
            [[$(#[$meta])*] [$vis] $name $lt $py $module [$M] [$ret] $body [$docmode $($doc)+]]
            posonly
            po: [] pk: [] ko: [] n: [] text: []
            rest: [$($params)* ,]
        );
    };

    // The parameters, one at a time, into positional-only (po),
    // positional-or-keyword (pk) and keyword-only (ko) records:
    // (name, [type], req | opt("default"), [one () per earlier parameter]).
    (@parse $ctx:tt $state:ident po: $po:tt pk: $pk:tt ko: $ko:tt n: $n:tt text: [$($text:tt)*]
        rest: [, $($rest:tt)*]) => {
        $crate::function!(@parse $ctx $state po: $po pk: $pk ko: $ko n: $n text: [$($text)*]
            rest: [$($rest)*]);
    };
    (@parse $ctx:tt posonly po: $po:tt pk: $pk:tt ko: $ko:tt n: $n:tt text: [$($text:tt)*]
        rest: [/ , $($rest:tt)*]) => {
        $crate::function!(@parse $ctx poskw po: $po pk: $pk ko: $ko n: $n text: [$($text)* "/"]
            rest: [$($rest)*]);
    };
    (@parse $ctx:tt poskw po: $po:tt pk: $pk:tt ko: $ko:tt n: $n:tt text: [$($text:tt)*]
        rest: [* , $($rest:tt)*]) => {
        $crate::function!(@parse $ctx kwonly po: $po pk: $pk ko: $ko n: $n text: [$($text)* "*"]
            rest: [$($rest)*]);
    };
    (@parse $ctx:tt $state:ident po: $po:tt pk: $pk:tt ko: $ko:tt n: [$($n:tt)*] text: [$($text:tt)*]
        rest: [$p:ident : $t:ty = NULL , $($rest:tt)*]) => {
        $crate::function!(@add $ctx $state po: $po pk: $pk ko: $ko n: [$($n)*]
            record: ($p, [$t], opt("<unrepresentable>"), [$($n)*])
            text: [$($text)* concat!(stringify!($p), "=<unrepresentable>")]
            rest: [$($rest)*]);
    };
    (@parse $ctx:tt $state:ident po: $po:tt pk: $pk:tt ko: $ko:tt n: [$($n:tt)*] text: [$($text:tt)*]
        rest: [$p:ident : $t:ty = $default:literal , $($rest:tt)*]) => {
        $crate::function!(@add $ctx $state po: $po pk: $pk ko: $ko n: [$($n)*]
            record: ($p, [$t], opt($default), [$($n)*])
            text: [$($text)* concat!(stringify!($p), "=", $default)]
            rest: [$($rest)*]);
    };
    (@parse $ctx:tt $state:ident po: $po:tt pk: $pk:tt ko: $ko:tt n: [$($n:tt)*] text: [$($text:tt)*]
        rest: [$p:ident : $t:ty , $($rest:tt)*]) => {
        $crate::function!(@add $ctx $state po: $po pk: $pk ko: $ko n: [$($n)*]
            record: ($p, [$t], req, [$($n)*])
            text: [$($text)* stringify!($p)]
            rest: [$($rest)*]);
    };
    (@parse $ctx:tt posonly po: $po:tt pk: $pk:tt ko: $ko:tt n: $n:tt text: $text:tt rest: []) => {
        ::core::compile_error!("a declaration has `/` after its positional-only parameters (first, when there are none), as the text signature has");
    };
    (@parse $ctx:tt $state:ident po: $po:tt pk: $pk:tt ko: $ko:tt n: $n:tt text: $text:tt rest: []) => {
        $crate::function!(@emit $ctx po: $po pk: $pk ko: $ko text: $text);
    };

    (@add $ctx:tt posonly po: [$($po:tt)*] pk: $pk:tt ko: $ko:tt n: [$($n:tt)*] record: $r:tt
        text: $text:tt rest: $rest:tt) => {
        $crate::function!(@parse $ctx posonly po: [$($po)* $r] pk: $pk ko: $ko n: [$($n)* ()]
            text: $text rest: $rest);
    };
    (@add $ctx:tt poskw po: $po:tt pk: [$($pk:tt)*] ko: $ko:tt n: [$($n:tt)*] record: $r:tt
        text: $text:tt rest: $rest:tt) => {
        $crate::function!(@parse $ctx poskw po: $po pk: [$($pk)* $r] ko: $ko n: [$($n)* ()]
            text: $text rest: $rest);
    };
    (@add $ctx:tt kwonly po: $po:tt pk: $pk:tt ko: [$($ko:tt)*] n: [$($n:tt)*] record: $r:tt
        text: $text:tt rest: $rest:tt) => {
        $crate::function!(@parse $ctx kwonly po: $po pk: $pk ko: [$($ko)* $r] n: [$($n)* ()]
            text: $text rest: $rest);
    };

    // METH_O: one required positional-only parameter.
    (@emit [$meta:tt $vis:tt $name:ident $lt:lifetime $py:ident $module:ident [$M:ty] [$ret:ty] $body:block $doc:tt]
        po: [($p:ident, [$t:ty], req, $i:tt)] pk: [] ko: [] text: $text:tt) => {
        $crate::function!(@common $meta $vis $name $M $doc $text one_arg_row);
        impl $crate::function::OneArgFunction for $name {
            #[inline]
            #[allow(unused_variables, clippy::redundant_closure_call)]
            fn call<'a, $lt>(
                $py: $crate::python::Python<$lt>,
                $module: $crate::module::ModuleRef<'a, $lt, $M>,
                arg: $crate::object::Borrowed<'a, $lt, $crate::object::PyAny>,
            ) -> $crate::PyResult<$crate::object::Owned<$lt, $crate::object::PyAny>> {
                let mut slot: <$t as $crate::convert::FromArg<'_, '_>>::Slot =
                    ::core::default::Default::default();
                #[allow(unused_mut)]
                    let mut $p: $t = $crate::convert::FromArg::from_arg(&mut slot, arg, &$crate::convert::ArgInfo {
                    fname: <Self as $crate::function::Function>::NAME,
                    param: $crate::convert::Param::Positional(1),
                })?;
                let result: $ret = (move || -> $ret { $body })();
                result.map($crate::object::Owned::into_any)
            }
        }
    };
    // METH_FASTCALL: positional-only parameters.
    (@emit [$meta:tt $vis:tt $name:ident $lt:lifetime $py:ident $module:ident [$M:ty] [$ret:ty] $body:block $doc:tt]
        po: [$(($p:ident, [$t:ty], $req:ident $(($default:expr))?, [$($i:tt)*]))*] pk: [] ko: [] text: $text:tt) => {
        $crate::function!(@common $meta $vis $name $M $doc $text fastcall_row);
        impl $crate::function::PositionalFunction for $name {
            const MIN: usize = $crate::function::count(&[$($crate::function!(@required $req)),*]);
            const MAX: usize = [$(stringify!($p)),*].len();
            #[inline]
            #[allow(unused_variables, clippy::redundant_closure_call)]
            fn call<'a, $lt>(
                $py: $crate::python::Python<$lt>,
                $module: $crate::module::ModuleRef<'a, $lt, $M>,
                args: $crate::args::Args<'a, $lt>,
            ) -> $crate::PyResult<$crate::object::Owned<$lt, $crate::object::PyAny>> {
                const _: () = ::core::assert!(
                    $crate::function::required_first(&[$($crate::function!(@required $req)),*]),
                    "a required parameter after one with a default"
                );
                $(
                    let mut slot: <$t as $crate::convert::FromArg<'_, '_>>::Slot =
                        ::core::default::Default::default();
                    #[allow(unused_mut)]
                    let mut $p: $t = $crate::function!(@convert args slot $t, $req $(($default))?,
                        [$($i)*], $crate::convert::Param::Positional($crate::function::position(&[$($i),*]) + 1));
                )*
                let result: $ret = (move || -> $ret { $body })();
                result.map($crate::object::Owned::into_any)
            }
        }
    };
    // METH_FASTCALL | METH_KEYWORDS.
    (@emit [$meta:tt $vis:tt $name:ident $lt:lifetime $py:ident $module:ident [$M:ty] [$ret:ty] $body:block $doc:tt]
        po: [$(($pp:ident, [$pt:ty], $preq:ident $(($pdefault:expr))?, [$($pi:tt)*]))*]
        pk: [$(($kp:ident, [$kt:ty], $kreq:ident $(($kdefault:expr))?, [$($ki:tt)*]))*]
        ko: [$(($op:ident, [$ot:ty], $oreq:ident $(($odefault:expr))?, [$($oi:tt)*]))*]
        text: $text:tt) => {
        $crate::function!(@common $meta $vis $name $M $doc $text fastcall_keywords_row);
        impl $crate::function::KeywordsFunction for $name {
            #[inline]
            #[allow(unused_variables, clippy::redundant_closure_call)]
            fn call<'a, $lt>(
                $py: $crate::python::Python<$lt>,
                $module: $crate::module::ModuleRef<'a, $lt, $M>,
                args: $crate::args::VectorArgs<'a, $lt>,
            ) -> $crate::PyResult<$crate::object::Owned<$lt, $crate::object::PyAny>> {
                const N: usize = [$(stringify!($pp),)* $(stringify!($kp),)* $(stringify!($op),)*].len();
                const POSITIONAL: [bool; [$(stringify!($pp),)* $(stringify!($kp),)*].len()] =
                    [$($crate::function!(@required $preq),)* $($crate::function!(@required $kreq),)*];
                const _: () = ::core::assert!(
                    $crate::function::required_first(&POSITIONAL),
                    "a required parameter after one with a default"
                );
                const _: () = ::core::assert!(
                    $crate::function::count(&[$($crate::function!(@required $oreq)),*]) == 0,
                    "keyword-only parameters have defaults here"
                );
                static KEYWORDS: $crate::args::Keywords<N> = $crate::args::Keywords::new([
                    $({ let _ = stringify!($pp); $crate::cstr!("") },)*
                    $($crate::cstr!(stringify!($kp)),)*
                    $($crate::cstr!(stringify!($op)),)*
                ]);
                static PARSER: $crate::args::ArgParser<N> = $crate::args::ArgParser::new(
                    <$name as $crate::function::Function>::NAME,
                    &KEYWORDS,
                    $crate::function::count(&POSITIONAL),
                    POSITIONAL.len(),
                );
                let mut buf = $crate::args::ArgBuffer::<N>::new();
                let args = args.unpack(&PARSER, &mut buf)?;
                $(
                    let mut slot: <$pt as $crate::convert::FromArg<'_, '_>>::Slot =
                        ::core::default::Default::default();
                    #[allow(unused_mut)]
                    let mut $pp: $pt = $crate::function!(@convert args slot $pt, $preq $(($pdefault))?,
                        [$($pi)*], $crate::convert::Param::Positional($crate::function::position(&[$($pi),*]) + 1));
                )*
                $(
                    let mut slot: <$kt as $crate::convert::FromArg<'_, '_>>::Slot =
                        ::core::default::Default::default();
                    #[allow(unused_mut)]
                    let mut $kp: $kt = $crate::function!(@convert args slot $kt, $kreq $(($kdefault))?,
                        [$($ki)*], $crate::convert::Param::Keyword(stringify!($kp)));
                )*
                $(
                    let mut slot: <$ot as $crate::convert::FromArg<'_, '_>>::Slot =
                        ::core::default::Default::default();
                    #[allow(unused_mut)]
                    let mut $op: $ot = $crate::function!(@convert args slot $ot, $oreq $(($odefault))?,
                        [$($oi)*], $crate::convert::Param::Keyword(stringify!($op)));
                )*
                let result: $ret = (move || -> $ret { $body })();
                result.map($crate::object::Owned::into_any)
            }
        }
    };

    (@required req) => { true };
    (@required opt) => { false };

    (@convert $args:ident $slot:ident $t:ty, req, [$($i:tt)*], $param:expr) => {{
        let arg = $args.required($crate::function::position(&[$($i),*]))?;
        <$t as $crate::convert::FromArg>::from_arg(&mut $slot, arg, &$crate::convert::ArgInfo {
            fname: <Self as $crate::function::Function>::NAME,
            param: $param,
        })?
    }};
    (@convert $args:ident $slot:ident $t:ty, opt($default:expr), [$($i:tt)*], $param:expr) => {{
        match $args.get($crate::function::position(&[$($i),*])) {
            ::core::option::Option::Some(arg) => {
                <$t as $crate::convert::FromArg>::from_arg(&mut $slot, arg, &$crate::convert::ArgInfo {
                    fname: <Self as $crate::function::Function>::NAME,
                    param: $param,
                })?
            }
            ::core::option::Option::None => <$t as $crate::convert::DefaultArg>::from_default($default),
        }
    }};

    (@common $meta:tt $vis:tt $name:ident $M:ty [pydoc $($doc:tt)+] [$($text:expr)*] $row:ident) => {
        $crate::function!(@item $meta $vis $name [$M] $row concat!(
            stringify!($name), "($module", $(", ", $text,)* ")\n--\n\n", $($doc)+
        ));
    };
    // A docstring as C writes it, with no `__text_signature__`.
    (@common $meta:tt $vis:tt $name:ident $M:ty [pydoc_raw $($doc:tt)+] $text:tt $row:ident) => {
        $crate::function!(@item $meta $vis $name [$M] $row concat!($($doc)+));
    };
    (@item [$(#[$meta:meta])*] [$vis:vis] $name:ident [$M:ty] $row:ident $doc:expr) => {
        $(#[$meta])*
        #[allow(non_camel_case_types)]
        $vis struct $name;

        impl $name {
            /// The method-table row.
            $vis const DEF: $crate::module::MethodDef = $crate::function::$row::<$name>();
        }

        impl $crate::function::Function for $name {
            type Module = $M;
            const NAME: &'static ::core::ffi::CStr = $crate::cstr!(stringify!($name));
            const DOC: &'static ::core::ffi::CStr = $crate::cstr!($doc);
        }
    };
}
