/* What the Rust modules use of CPython's C API.  Compiled like a core
   shared module (Modules/binascii.c defines the same), which exposes the
   internal argument-parsing helpers that Argument Clinic's code calls. */
#define Py_BUILD_CORE_MODULE 1
#include "Python.h"
#if PY_VERSION_HEX >= 0x030D0000
#  include "internal/pycore_modsupport.h"  /* _PyArg_UnpackKeywords & co. */
#endif
#include "internal/pycore_strhex.h"        /* _Py_strhex_bytes_with_sep */
#if PY_VERSION_HEX < 0x030C0000
#  include "structmember.h"                /* T_OBJECT, T_BOOL, READONLY */
#endif
#if PY_VERSION_HEX >= 0x030E0000
#  include "internal/pycore_pyerrors.h"    /* _PyErr_FormatNote */
#endif
