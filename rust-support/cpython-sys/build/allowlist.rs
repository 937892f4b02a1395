//! What the safe layer uses: bindgen generates only these (and the types
//! they need), which keeps it fast.

#![cfg(feature = "bindgen")]

use crate::cfgs::PythonConfig;

const COMMON_FUNCTIONS: &[&str] = &[
    // references
    "Py_IncRef",
    "Py_DecRef",
    // modules
    "PyModuleDef_Init",
    "PyModule_GetState",
    "PyModule_AddObjectRef",
    // exceptions: raised as values (cpython_api::PyErr), set at the boundary
    "PyErr_NewExceptionWithDoc",
    "PyErr_SetString",
    "PyErr_SetObject",
    "PyErr_Format",
    "PyErr_Occurred",
    "PyErr_NoMemory",
    "PyErr_Clear",
    "PyErr_GivenExceptionMatches",
    "PyType_IsSubtype",
    // buffers and bytes
    "PyObject_GetBuffer",
    "PyBuffer_Release",
    "PyBuffer_IsContiguous",
    "PyBuffer_ToContiguous",
    "PyBytes_FromStringAndSize",
    "_PyBytes_Resize",
    "PyUnicode_FromStringAndSize",
    // numbers and truth
    "PyLong_FromUnsignedLong",
    "PyLong_AsUnsignedLongMask",
    "PyObject_IsTrue",
    "PyObject_Size",
    // argument parsing, as Argument Clinic's generated code does it
    "_PyArg_UnpackKeywords",
    "_PyArg_CheckPositional",
    "_PyArg_BadArgument",
    "_Py_strhex_bytes_with_sep",
    // the GIL around long computations
    "PyEval_SaveThread",
    "PyEval_RestoreThread",
    // the no_std runtime (cpython_api::runtime): memory and panics
    "PyMem_RawMalloc",
    "PyMem_RawRealloc",
    "PyMem_RawFree",
    "_Py_FatalErrorFunc",
    // the panic message, without core::fmt (7 KB of the module)
    "PyOS_snprintf",
    // heap types with GC (cpython_api::class)
    "PyType_FromSpec",
    "PyObject_GC_UnTrack",
    // containers
    "PyDict_New",
    "PyDict_SetItem",
    "PyDict_DelItem",
    "PyDict_Contains",
    "PyDict_Next",
    "PyDict_Size",
    "PyDict_Clear",
    "PyMapping_Items",
    "PyList_New",
    "PyList_Append",
    "PyList_Sort",
    "PyTuple_New",
    "PySequence_Fast",
    "PySequence_Repeat",
    // str, int, float
    "PyUnicode_New",
    "PyUnicode_FromOrdinal",
    "PyUnicode_InternFromString",
    "PyUnicode_Concat",
    "PyUnicode_Append",
    "PyLong_FromSsize_t",
    "PyLong_FromLongLong",
    "PyLong_FromString",
    "PyLong_FromVoidPtr",
    "PyLong_AsLongLongAndOverflow",
    "PyFloat_FromDouble",
    // a float's value by call: PyFloatObject holds a double, aligned 4 on
    // i686 and 8 on the other 32-bit targets that share its binding set
    "PyFloat_AsDouble",
    "PyOS_string_to_double",
    "PyOS_double_to_string",
    "PyMem_Free",
    // calls, attributes, imports
    "PyObject_CallOneArg",
    "PyObject_Call",
    "PyObject_GetAttrString",
    "PyImport_ImportModule",
    "PyImport_GetModule",
    "PyCFunction_GetFunction",
    // the recursion guard
    "Py_EnterRecursiveCall",
    "Py_LeaveRecursiveCall",
    // tp_new and tp_call arguments, METH_VARARGS functions
    "PyArg_ParseTupleAndKeywords",
    "PyArg_ParseTuple",
];

pub fn functions(config: &PythonConfig) -> Vec<&'static str> {
    let mut names = COMMON_FUNCTIONS.to_vec();
    if config.minor >= 12 {
        // The raised exception as one object.
        names.extend(["PyErr_GetRaisedException", "PyErr_SetRaisedException"]);
    } else {
        names.extend([
            "PyErr_Fetch",
            "PyErr_Restore",
            "PyErr_NormalizeException",
            "PyException_SetTraceback",
            "PyException_GetTraceback",
        ]);
    }
    if config.minor >= 13 {
        names.extend([
            "PyLong_AsInt",
            "PyMutex_Lock",
            "PyMutex_Unlock",
            "PyDict_SetDefaultRef",
        ]);
        if config.gil_disabled {
            // Py_BEGIN_CRITICAL_SECTION and friends (no-ops with a GIL).
            names.extend([
                "PyCriticalSection_Begin",
                "PyCriticalSection_End",
                "PyCriticalSection2_Begin",
                "PyCriticalSection2_End",
            ]);
        }
    } else {
        names.extend(["_PyLong_AsInt", "_PyUnicode_Ready", "PyDict_SetDefault"]);
    }
    if config.minor >= 14 {
        // Error notes (`_json`'s "when serializing ..."), exported for
        // the core's shared modules.
        names.push("_PyErr_FormatNote");
    }
    names
}

/// Types only some versions or builds have.
pub fn types(config: &PythonConfig) -> Vec<&'static str> {
    let mut names = TYPES.to_vec();
    if config.minor >= 13 {
        names.push("PyMutex");
        if config.gil_disabled {
            names.extend(["PyCriticalSection", "PyCriticalSection2"]);
        }
    }
    names
}

const TYPES: &[&str] = &[
    "PyObject",
    "PyVarObject",
    "PyTypeObject",
    "PyBytesObject",
    "PyASCIIObject",
    "PyCompactUnicodeObject",
    "PyUnicodeObject",
    "Py_buffer",
    "PyModuleDef",
    "PyModuleDef_Base",
    "PyModuleDef_Slot",
    "PyMethodDef",
    "PyCFunction",
    "_PyCFunctionFast",
    "_PyCFunctionFastWithKeywords",
    "_PyArg_Parser",
    "PyUnicode_Kind",
    "PyType_Spec",
    "PyType_Slot",
    "PyMemberDef",
    "PyListObject",
    "PyTupleObject",
];

pub const VARS: &[&str] = &[
    // The version as plain numbers: 3.14 made PY_VERSION_HEX a macro call,
    // which bindgen cannot evaluate.
    "PY_MAJOR_VERSION",
    "PY_MINOR_VERSION",
    "PYTHON_API_VERSION",
    "PyExc_ValueError",
    "PyExc_TypeError",
    "PyExc_OverflowError",
    "PyExc_Exception",
    "PyExc_SystemError",
    "PyExc_BaseException",
    "_Py_NoneStruct",
    "METH_O",
    "METH_FASTCALL",
    "METH_KEYWORDS",
    "PyBUF_SIMPLE",
    "Py_mod_exec",
    "Py_mod_multiple_interpreters",
    "Py_mod_gil",
    "Py_TPFLAGS_UNICODE_SUBCLASS",
    "Py_TPFLAGS_BYTES_SUBCLASS",
    "Py_TPFLAGS_TYPE_SUBCLASS",
    "Py_TPFLAGS_BASE_EXC_SUBCLASS",
    "Py_TPFLAGS_LONG_SUBCLASS",
    "PyUnicode_1BYTE_KIND",
    // ob_flags of statically allocated objects (3.14+)
    "_Py_STATICALLY_ALLOCATED_FLAG",
    "PyExc_StopIteration",
    "METH_VARARGS",
    "Py_TPFLAGS_DEFAULT",
    "Py_TPFLAGS_HAVE_GC",
    "Py_TPFLAGS_LIST_SUBCLASS",
    "Py_TPFLAGS_TUPLE_SUBCLASS",
    "Py_TPFLAGS_DICT_SUBCLASS",
    "Py_tp_call",
    "Py_tp_clear",
    "Py_tp_dealloc",
    "Py_tp_doc",
    "Py_tp_members",
    "Py_tp_new",
    "Py_tp_traverse",
    // member types: structmember.h's names up to 3.11, descrobject.h's since
    "T_OBJECT",
    "T_BOOL",
    "READONLY",
    "_Py_T_OBJECT",
    "Py_T_BOOL",
    "Py_READONLY",
    "Py_DTSF_ADD_DOT_0",
    // the builtin types and constants
    "PyFloat_Type",
    "PyLong_Type",
    "PyUnicode_Type",
    "PyDict_Type",
    "PyList_Type",
    "PyTuple_Type",
    "PyCFunction_Type",
    "_Py_TrueStruct",
    "_Py_FalseStruct",
];
