//! What a `no_std` Rust module needs from its host, taken from CPython:
//! memory from `PyMem_Raw*`, and panics reported by `Py_FatalError`.
//!
//! Rust's std would bring its own (a panic runtime with a backtrace
//! symbolizer, about 1 MB per shared extension); see docs/design.md. The
//! archive crate of a link unit (`cpython-rust`) installs both, once:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: cpython_api::runtime::PyMemRaw = cpython_api::runtime::PyMemRaw;
//! #[panic_handler]
//! fn panic(info: &core::panic::PanicInfo) -> ! { cpython_api::runtime::fatal_panic(info) }
//! ```

use crate::ffi;
use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;
use core::fmt::Write;

/// The global allocator: `PyMem_RawMalloc` and friends. The raw domain is
/// safe without an attached thread state (code inside `allow_threads` may
/// allocate), and is what `tracemalloc` and `PYTHONMALLOC=debug` watch.
pub struct PyMemRaw;

/// The alignment `malloc` (behind `PyMem_Raw*`) guarantees everywhere CPython
/// runs: two pointers. Larger alignments get an over-allocated block.
const MALLOC_ALIGN: usize = 2 * core::mem::size_of::<usize>();

unsafe impl GlobalAlloc for PyMemRaw {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= MALLOC_ALIGN {
            return ffi::PyMem_RawMalloc(layout.size()).cast();
        }
        // Room to align, plus the start of the block just before the
        // aligned pointer, for dealloc.
        let extra = layout.align() + core::mem::size_of::<usize>();
        let Some(total) = layout.size().checked_add(extra) else {
            return core::ptr::null_mut();
        };
        let block = ffi::PyMem_RawMalloc(total).cast::<u8>();
        if block.is_null() {
            return block;
        }
        let start = block as usize + core::mem::size_of::<usize>();
        let aligned = (start + layout.align() - 1) & !(layout.align() - 1);
        let aligned = block.add(aligned - block as usize);
        aligned
            .cast::<usize>()
            .sub(1)
            .write_unaligned(block as usize);
        aligned
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let block = if layout.align() <= MALLOC_ALIGN {
            ptr
        } else {
            ptr.cast::<usize>().sub(1).read_unaligned() as *mut u8
        };
        ffi::PyMem_RawFree(block.cast::<c_void>());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= MALLOC_ALIGN {
            return ffi::PyMem_RawRealloc(ptr.cast(), new_size).cast();
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return core::ptr::null_mut();
        };
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

/// A panic is a bug in the module: stop the process the way CPython's C
/// code does for a broken invariant, naming the message and place.
pub fn fatal_panic(info: &core::panic::PanicInfo) -> ! {
    let mut message = Message {
        bytes: [0; 512],
        len: 0,
    };
    let _ = write!(message, "{info}");
    let end = message.len.min(message.bytes.len() - 1);
    message.bytes[end] = 0;
    // SAFETY: `bytes` is NUL-terminated; Py_FatalError does not return.
    unsafe {
        ffi::_Py_FatalErrorFunc(
            crate::cstr!("Rust panic").as_ptr(),
            message.bytes.as_ptr().cast(),
        )
    }
}

/// A fixed buffer for the panic message (no allocation while panicking:
/// the panic may be an allocation failure).
struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Write for Message {
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        // Keep the last byte for the NUL; cut what does not fit.
        let room = self.bytes.len() - 1 - self.len;
        let take = text.len().min(room);
        self.bytes[self.len..self.len + take].copy_from_slice(&text.as_bytes()[..take]);
        self.len += take;
        Ok(())
    }
}
