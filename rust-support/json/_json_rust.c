/* _json, implemented in Rust (rust-support/json).  A C entry point keeps
   makesetup's rules and PyMODINIT_FUNC's export attributes, and pulls the
   module's member out of the Rust archive. */

#include "Python.h"
#include "cpython_rust.h"

PyMODINIT_FUNC
PyInit__json(void)
{
    return _PyRust_json_init();
}
