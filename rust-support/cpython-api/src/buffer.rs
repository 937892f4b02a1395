//! The buffer protocol, read soundly.
//!
//! A `bytes` object's contents never change, so its buffer is read in
//! place, as a `&[u8]`. Any other exporter's memory can change while the
//! buffer is held: a `bytearray` written by Python code that a later
//! argument's conversion runs (`__index__`, `__bool__`), by another
//! thread in a free-threaded build, or by a `readinto` running without
//! the GIL. A Rust `&[u8]` over such memory would be undefined behaviour
//! (C is merely racy there), so [`BytesLike::read`] copies it, with
//! CPython's own `PyBuffer_ToContiguous`, at the point where the C module
//! reads it: after every argument is converted. The result is what C
//! computes; the copy is the price for mutable exporters only.
//!
//! The buffer itself is held from its argument's conversion to the end of
//! the call, as Argument Clinic holds it: meanwhile the exporter cannot be
//! resized (`BufferError`), exactly as with the C module. An exact `bytes`
//! object skips the protocol: its buffer would be its own storage, and it
//! has no exports to count.
//!
//! Like C's `Py_buffer data = {NULL, NULL};`, the `Py_buffer` lives in a
//! slot on the caller's stack that CPython fills in place: it is ~80
//! bytes, and moving one right after CPython wrote it costs
//! store-forwarding stalls on every call.

use crate::convert::{ArgInfo, FromArg};
use crate::error::{PyErr, PyResult};
use crate::ffi;
use crate::object::{Borrowed, PyAny};
use crate::python::Python;
use crate::types::{PyBytes, PyStr};
use crate::version::at_least;
use alloc::vec::Vec;
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, MaybeUninit};

/// Where a `Py_buffer` is acquired, and where a copy of its bytes is
/// kept; released on drop. Not `Send`: it is released on the thread
/// (attached) that acquired it.
pub struct BufferSlot {
    view: MaybeUninit<ffi::Py_buffer>,
    acquired: bool,
    /// Dropped by hand: most calls never copy, and then the slot's drop
    /// is one test, not a call into the allocator.
    copy: ManuallyDrop<Vec<u8>>,
}

impl Default for BufferSlot {
    #[inline]
    fn default() -> Self {
        BufferSlot {
            view: MaybeUninit::uninit(),
            acquired: false,
            copy: ManuallyDrop::new(Vec::new()),
        }
    }
}

impl Drop for BufferSlot {
    #[inline]
    fn drop(&mut self) {
        if self.acquired {
            // SAFETY: acquired by PyObject_GetBuffer, released once, on the
            // attached thread that holds the slot (it is not Send).
            unsafe { ffi::PyBuffer_Release(self.view.as_mut_ptr()) }
        }
        if self.copy.capacity() != 0 {
            // SAFETY: dropped once, here; the slot is not used again.
            unsafe { ManuallyDrop::drop(&mut self.copy) }
        }
    }
}

impl BufferSlot {
    /// `PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE)`.
    #[inline]
    fn acquire(&mut self, obj: Borrowed<'_, '_, PyAny>) -> PyResult<()> {
        if self.acquired {
            return Err(PyErr::bad_internal_call(obj.py()));
        }
        // SAFETY: a live object and room for the view, on an attached thread.
        let status = unsafe {
            ffi::PyObject_GetBuffer(obj.as_ptr(), self.view.as_mut_ptr(), ffi::PyBUF_SIMPLE as _)
        };
        if status != 0 {
            return Err(PyErr::fetch_after_failure(obj.py()));
        }
        self.acquired = true;
        Ok(())
    }

    /// The view, once acquired (BytesLike holds only acquired slots).
    #[inline]
    fn view(&self) -> &ffi::Py_buffer {
        debug_assert!(self.acquired);
        // SAFETY: PyObject_GetBuffer filled it (`acquired`).
        unsafe { self.view.assume_init_ref() }
    }
}

/// A bytes-like argument (Argument Clinic's `Py_buffer`): the buffer is
/// held until the call ends; [`read`](Self::read) gives its bytes.
pub struct BytesLike<'s, 'py> {
    slot: &'s mut BufferSlot,
    /// A `bytes` object's own storage, which never changes: read in place.
    /// `None`: another exporter's memory, copied when read.
    immutable: Option<&'s [u8]>,
    _marker: PhantomData<Python<'py>>,
}

impl<'s, 'py> BytesLike<'s, 'py> {
    /// Acquires `obj`'s buffer into `slot`. An exact `bytes` object, the
    /// usual argument, is read directly: its buffer procedure would only
    /// describe the same storage and take a reference, which the caller's
    /// own reference already covers for the call, and a `bytes` object has
    /// no exports to count. What C computes is the same; the call is
    /// cheaper than C's.
    #[inline(never)]
    pub fn acquire(slot: &'s mut BufferSlot, obj: Borrowed<'s, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_exact_bytes() {
            let bytes = obj.downcast::<PyBytes>().map(Borrowed::as_bytes);
            return Ok(BytesLike {
                slot,
                immutable: bytes,
                _marker: PhantomData,
            });
        }
        slot.acquire(obj)?;
        let view = slot.view();
        let exporter = view.obj;
        // The exporter is a bytes object only when bytes' own buffer
        // procedure made the view: a subclass with `__buffer__` (3.12+)
        // gets a wrapper object here instead.
        let immutable = (!exporter.is_null() && {
            // SAFETY: the view holds a strong reference to its exporter.
            let exporter =
                unsafe { Borrowed::<PyAny>::from_ptr(core::ptr::NonNull::new_unchecked(exporter)) };
            exporter.type_has_flag(ffi::Py_TPFLAGS_BYTES_SUBCLASS)
        })
        .then(|| {
            // SAFETY: a simple buffer of a bytes object's own storage:
            // `len` bytes at `buf` that nothing writes to, alive while the
            // view is held, which is until the slot ('s) drops.
            unsafe { core::slice::from_raw_parts(view.buf as *const u8, view.len.max(0) as usize) }
        });
        Ok(BytesLike {
            slot,
            immutable,
            _marker: PhantomData,
        })
    }

    /// The number of bytes (fixed while the buffer is held).
    #[inline]
    pub fn len(&self) -> usize {
        match self.immutable {
            Some(bytes) => bytes.len(),
            None => self.slot.view().len.max(0) as usize,
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `read` lends the exporter's own memory (a `bytes` object),
    /// rather than a copy.
    #[inline]
    pub fn is_immutable(&self) -> bool {
        self.immutable.is_some()
    }

    /// `PyBuffer_IsContiguous(&view, 'C')`, without a call for the usual
    /// simple buffer (no strides, no suboffsets).
    #[inline]
    pub fn is_c_contiguous(&self) -> bool {
        if self.immutable.is_some() {
            return true; // bytes' own simple buffer
        }
        let view = self.slot.view();
        if view.suboffsets.is_null() && view.strides.is_null() {
            return true;
        }
        // SAFETY: an acquired view.
        unsafe { ffi::PyBuffer_IsContiguous(view, b'C' as _) != 0 }
    }

    /// The bytes as they are now: a `bytes` object's own storage, or a
    /// copy of any other exporter's memory, kept in the slot (see the
    /// module's documentation).
    #[inline]
    pub fn read(&mut self) -> PyResult<&[u8]> {
        if let Some(bytes) = self.immutable {
            return Ok(bytes);
        }
        let len = self.len();
        if len == 0 {
            return Ok(&[]);
        }
        self.copy(len)
    }

    /// The copy `read` makes: one out-of-line copy for every function.
    #[inline(never)]
    fn copy(&mut self, len: usize) -> PyResult<&[u8]> {
        // SAFETY: the token's lifetime covers the call.
        let py = unsafe { Python::assume_attached() };
        let slot = &mut *self.slot;
        slot.copy.clear();
        if slot.copy.try_reserve_exact(len).is_err() {
            return Err(PyErr::no_memory(py));
        }
        // SAFETY: the view is acquired (`view()`), its copy has room for
        // `len` bytes, which PyBuffer_ToContiguous writes from the view (C
        // reads the exporter's memory, as the C module would); on success
        // they are initialized.
        unsafe {
            let view = slot.view.assume_init_ref();
            let copy = slot.copy.as_mut_ptr();
            if ffi::PyBuffer_ToContiguous(copy.cast(), view, len as _, b'C' as _) != 0 {
                return Err(PyErr::fetch_after_failure(py));
            }
            slot.copy.set_len(len);
        }
        Ok(&slot.copy)
    }
}

/// Argument Clinic's `Py_buffer` converter: before 3.12 it also rejected
/// non-contiguous buffers, naming the parameter (`TypeError: fname()
/// argument 1 must be contiguous buffer, not T`).
impl<'s, 'py> FromArg<'s, 'py> for BytesLike<'s, 'py> {
    type Slot = BufferSlot;

    #[inline]
    fn from_arg(
        slot: &'s mut BufferSlot,
        arg: Borrowed<'s, 'py, PyAny>,
        info: &ArgInfo,
    ) -> PyResult<Self> {
        let data = BytesLike::acquire(slot, arg)?;
        if !at_least(3, 12) && !data.is_c_contiguous() {
            let mut display = [0; 64];
            // SAFETY: NUL-terminated strings and a live object.
            unsafe {
                ffi::_PyArg_BadArgument(
                    info.fname.as_ptr(),
                    info.display(&mut display).as_ptr(),
                    crate::cstr!("contiguous buffer").as_ptr(),
                    arg.as_ptr(),
                )
            };
            return Err(PyErr::fetch_after_failure(arg.py()));
        }
        Ok(data)
    }
}

/// binascii.c's `ascii_buffer_converter`, the input of every decoder: the
/// characters of an ASCII-only `str`, or a bytes-like object.
pub enum AsciiBuffer<'s, 'py> {
    Str(&'s [u8]),
    Buffer(BytesLike<'s, 'py>),
}

impl<'s, 'py> AsciiBuffer<'s, 'py> {
    /// The bytes as they are now (a `str` never changes).
    #[inline]
    pub fn read(&mut self) -> PyResult<&[u8]> {
        match self {
            AsciiBuffer::Str(bytes) => Ok(bytes),
            AsciiBuffer::Buffer(buffer) => buffer.read(),
        }
    }
}

impl<'s, 'py> FromArg<'s, 'py> for AsciiBuffer<'s, 'py> {
    type Slot = BufferSlot;

    #[inline]
    fn from_arg(
        slot: &'s mut BufferSlot,
        arg: Borrowed<'s, 'py, PyAny>,
        _info: &ArgInfo,
    ) -> PyResult<Self> {
        let py = arg.py();
        if let Some(text) = arg.downcast::<PyStr>() {
            return match text.ascii_bytes()? {
                Some(bytes) => Ok(AsciiBuffer::Str(bytes)),
                None => Err(PyErr::from_cstr(
                    crate::exc::value_error(py),
                    crate::cstr!("string argument should contain only ASCII characters"),
                )),
            };
        }
        let data = match BytesLike::acquire(slot, arg) {
            Ok(data) => data,
            // Replaces the buffer protocol's own TypeError, as in C.
            Err(_) => {
                return Err(PyErr::type_error_naming_type(
                    py,
                    crate::cstr!("argument should be bytes, buffer or ASCII string, not '%.100s'"),
                    arg,
                ))
            }
        };
        if !at_least(3, 12) && !data.is_c_contiguous() {
            return Err(PyErr::type_error_naming_type(
                py,
                crate::cstr!("argument should be a contiguous buffer, not '%.100s'"),
                arg,
            ));
        }
        Ok(AsciiBuffer::Buffer(data))
    }
}
