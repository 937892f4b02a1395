//! What a `no_std` Rust module needs from its host, taken from CPython:
//! memory from `PyMem_Raw*`, and panics reported by `Py_FatalError`.
//!
//! Rust's std would bring its own (a panic runtime with a backtrace
//! symbolizer, about 1 MB per shared extension); see docs/design.md. Each
//! archive crate, which makes one link unit's Rust code (`cpython-rust`,
//! `cpython-rust-json`, ...), installs both, once, with
//! [`link_unit_runtime!`](crate::link_unit_runtime) (a module's own
//! archive through [`module_archive!`](crate::module_archive)).

use crate::ffi;
use core::alloc::{GlobalAlloc, Layout};
use core::ffi::{c_char, c_int, c_uint, c_void};

/// The global allocator: `PyMem_RawMalloc` and friends. The raw domain is
/// safe without an attached thread state (code inside `allow_threads` may
/// allocate), and is what `tracemalloc` and `PYTHONMALLOC=debug` watch.
pub struct PyMemRaw;

/// The alignment `malloc` (behind `PyMem_Raw*`) guarantees everywhere CPython
/// runs: two pointers. Larger alignments get an over-allocated block.
const MALLOC_ALIGN: usize = 2 * core::mem::size_of::<usize>();

// SAFETY: blocks come from PyMem_Raw*, which is thread-safe and needs no
// attached thread state; over-aligned blocks keep their start just below
// the aligned pointer, which dealloc reads back.
unsafe impl GlobalAlloc for PyMemRaw {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= MALLOC_ALIGN {
            // SAFETY: PyMem_RawMalloc may be called from any thread.
            return unsafe { ffi::PyMem_RawMalloc(layout.size()) }.cast();
        }
        // Room to align, plus the start of the block just before the
        // aligned pointer, for dealloc.
        let extra = layout.align() + core::mem::size_of::<usize>();
        let Some(total) = layout.size().checked_add(extra) else {
            return core::ptr::null_mut();
        };
        // SAFETY: as above.
        let block = unsafe { ffi::PyMem_RawMalloc(total) }.cast::<u8>();
        if block.is_null() {
            return block;
        }
        let start = block as usize + core::mem::size_of::<usize>();
        let aligned = (start + layout.align() - 1) & !(layout.align() - 1);
        // SAFETY: `aligned` is within the block, at least one usize past
        // its start, with `size` bytes after it (`extra` covers both).
        unsafe {
            let aligned = block.add(aligned - block as usize);
            aligned
                .cast::<usize>()
                .sub(1)
                .write_unaligned(block as usize);
            aligned
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let block = if layout.align() <= MALLOC_ALIGN {
            ptr
        } else {
            // SAFETY: alloc stored the block's start just below `ptr`.
            unsafe { ptr.cast::<usize>().sub(1).read_unaligned() as *mut u8 }
        };
        // SAFETY: a block from PyMem_RawMalloc, freed once.
        unsafe { ffi::PyMem_RawFree(block.cast::<c_void>()) };
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= MALLOC_ALIGN {
            // SAFETY: a block from PyMem_RawMalloc (GlobalAlloc's contract).
            return unsafe { ffi::PyMem_RawRealloc(ptr.cast(), new_size) }.cast();
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return core::ptr::null_mut();
        };
        // SAFETY: GlobalAlloc's contract for the old block; the new one has
        // room for the smaller of the two sizes.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

/// A panic is a bug in the module: stop the process the way CPython's C
/// code does for a broken invariant, naming the place ("panicked at
/// src/x.rs:10:5"). Not the message: formatting it takes core::fmt, 7 KB
/// of code in every module (docs/design.md), and the place names the
/// check that failed.
pub fn fatal_panic(info: &core::panic::PanicInfo) -> ! {
    // No allocation while panicking: the panic may be an allocation failure.
    let mut message: [c_char; 300] = [0; 300];
    if let Some(place) = info.location() {
        let file = place.file();
        // SAFETY: the format's arguments match it; PyOS_snprintf writes at
        // most `len` bytes, NUL included, and reads `file` up to its length.
        unsafe {
            ffi::PyOS_snprintf(
                message.as_mut_ptr(),
                message.len(),
                crate::cstr!("panicked at %.*s:%u:%u").as_ptr(),
                file.len().min(200) as c_int,
                file.as_ptr(),
                place.line() as c_uint,
                place.column() as c_uint,
            );
        }
    }
    // SAFETY: `message` is NUL-terminated; Py_FatalError does not return.
    unsafe { ffi::_Py_FatalErrorFunc(crate::cstr!("Rust panic").as_ptr(), message.as_ptr()) }
}

/// What an archive crate (a `staticlib` that a link unit takes whole)
/// defines once: the allocator ([`PyMemRaw`]), the panic handler
/// ([`fatal_panic`]), and two never-called unwinding stubs. Not under
/// `cfg(test)`: a test harness has std's.
///
/// The stubs: the standard library's precompiled `core`/`alloc` objects
/// carry unwinding landing pads (std is built with `panic = "unwind"`).
/// Without LTO (the dev profile of `--with-pydebug` builds) whole objects
/// are linked, and their unwind tables name std's personality routine and
/// libgcc's resume function. Nothing unwinds here (`panic = "abort"`, and a
/// panic is a `Py_FatalError`), so these are never called; defining them
/// keeps such builds linkable and loadable without libgcc_s, like the
/// release build.
#[macro_export]
macro_rules! link_unit_runtime {
    () => {
        #[cfg(not(test))]
        #[global_allocator]
        static ALLOCATOR: $crate::runtime::PyMemRaw = $crate::runtime::PyMemRaw;

        #[cfg(not(test))]
        #[panic_handler]
        fn panic(info: &::core::panic::PanicInfo) -> ! {
            $crate::runtime::fatal_panic(info)
        }

        #[cfg(not(any(test, target_env = "msvc", target_family = "wasm")))]
        mod unwinding_never_happens {
            extern "C" {
                fn abort() -> !;
            }

            #[no_mangle]
            extern "C" fn rust_eh_personality() {}

            #[no_mangle]
            unsafe extern "C" fn _Unwind_Resume(_exception: *mut ::core::ffi::c_void) -> ! {
                // SAFETY: libc's abort takes nothing and never returns.
                unsafe { abort() }
            }
        }
    };
}

/// The whole of a module's own archive crate (`cpython-rust-<module>`, the
/// staticlib of its shared extension): the C entry point `$init`, which
/// `PyInit_<module>` returns when the module is not built in, and the link
/// unit's runtime ([`link_unit_runtime!`](crate::link_unit_runtime)). The
/// archive crate itself then has no unsafe code: the PyInit contract is
/// kept here.
#[macro_export]
macro_rules! module_archive {
    ($init:ident, $module:path) => {
        /// `PyInit_<module>` of the shared extension returns this.
        #[no_mangle]
        pub extern "C" fn $init() -> *mut $crate::ffi::PyObject {
            // SAFETY: only CPython calls it, from the module's PyInit
            // function, on an attached thread (the import machinery holds
            // the GIL).
            unsafe { $crate::python::attached(|py| $module.init(py)) }
        }

        $crate::link_unit_runtime!();
    };
}
