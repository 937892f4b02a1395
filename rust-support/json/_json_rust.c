/* _json, implemented in Rust (rust-support/json).  A C entry point keeps
   makesetup's rules and PyMODINIT_FUNC's export attributes, and pulls the
   module's member out of the Rust archive. */

#include "Python.h"
#include "cpython_rust.h"

PyMODINIT_FUNC
PyInit__json(void)
{
#ifdef Py_BUILD_CORE_BUILTIN
    /* Built in (CPython defines the macro for built-in modules only): from
       libcpython_rust.a, every Rust module of the link unit, with one
       allocator and panic handler. */
    return _PyRust_json_init();
#else
    /* A shared extension: from libcpython_rust_json.a, this module alone. */
    return _PyRust_json_shared_init();
#endif
}
