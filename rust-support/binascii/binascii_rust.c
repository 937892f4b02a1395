/* binascii, implemented in Rust (rust-support/binascii).  A C entry point
   keeps makesetup's rules and PyMODINIT_FUNC's export attributes, and pulls
   the module's member out of the Rust archive. */

#include "Python.h"
#include "cpython_rust.h"

PyMODINIT_FUNC
PyInit_binascii(void)
{
    return _PyRust_binascii_init();
}
