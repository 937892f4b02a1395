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
//! resized (`BufferError`), exactly as with the C module.
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
use crate::types::PyStr;
use crate::version::at_least;
use alloc::vec::Vec;
use core::marker::PhantomData;
use core::mem::MaybeUninit;

/// Where a `Py_buffer` is acquired; released on drop. Not `Send`: it is
/// released on the thread (attached) that acquired it.
pub struct BufferSlot {
    view: MaybeUninit<ffi::Py_buffer>,
    acquired: bool,
}

impl Default for BufferSlot {
    #[inline]
    fn default() -> Self {
        BufferSlot {
            view: MaybeUninit::uninit(),
            acquired: false,
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
    }
}

impl BufferSlot {
    /// `PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE)`.
    #[inline]
    fn acquire<'s, 'py>(
        &'s mut self,
        obj: Borrowed<'_, 'py, PyAny>,
    ) -> PyResult<&'s ffi::Py_buffer> {
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
        // SAFETY: PyObject_GetBuffer filled the view.
        Ok(unsafe { self.view.assume_init_ref() })
    }
}

/// A bytes-like argument (Argument Clinic's `Py_buffer`): the buffer is
/// held until the call ends; [`read`](Self::read) gives its bytes.
pub struct BytesLike<'s, 'py> {
    view: &'s ffi::Py_buffer,
    /// From a `bytes` object, whose storage never changes.
    immutable: bool,
    _marker: PhantomData<Python<'py>>,
}

impl<'s, 'py> BytesLike<'s, 'py> {
    /// Acquires `obj`'s buffer into `slot`.
    #[inline]
    pub fn acquire(slot: &'s mut BufferSlot, obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let view = slot.acquire(obj)?;
        // The exporter is the bytes object itself only when bytes' own
        // buffer procedure made the view: a subclass with `__buffer__`
        // (3.12+) gets a wrapper object here instead.
        let immutable = !view.obj.is_null() && {
            // SAFETY: the view holds a strong reference to its exporter.
            let exporter =
                unsafe { Borrowed::<PyAny>::from_ptr(core::ptr::NonNull::new_unchecked(view.obj)) };
            exporter.type_has_flag(ffi::Py_TPFLAGS_BYTES_SUBCLASS)
        };
        Ok(BytesLike {
            view,
            immutable,
            _marker: PhantomData,
        })
    }

    /// The number of bytes (fixed while the buffer is held).
    #[inline]
    pub fn len(&self) -> usize {
        self.view.len.max(0) as usize
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `PyBuffer_IsContiguous(&view, 'C')`, without a call for the usual
    /// simple buffer (no strides, no suboffsets).
    #[inline]
    pub fn is_c_contiguous(&self) -> bool {
        if self.view.suboffsets.is_null() && self.view.strides.is_null() {
            return true;
        }
        // SAFETY: an acquired view.
        unsafe { ffi::PyBuffer_IsContiguous(self.view, b'C' as _) != 0 }
    }

    /// The bytes as they are now: borrowed from a `bytes` object, copied
    /// from any other exporter (see the module's documentation).
    #[inline]
    pub fn read(&self) -> PyResult<Snapshot<'s>> {
        let len = self.len();
        if len == 0 {
            return Ok(Snapshot::Shared(&[]));
        }
        if self.immutable {
            // SAFETY: a simple buffer of bytes' own storage: `len` bytes at
            // `buf` that nothing writes to, alive while the view is held
            // ('s).
            return Ok(Snapshot::Shared(unsafe {
                core::slice::from_raw_parts(self.view.buf as *const u8, len)
            }));
        }
        // SAFETY: the token's lifetime covers the call.
        let py = unsafe { Python::assume_attached() };
        let mut copy: Vec<u8> = Vec::new();
        if copy.try_reserve_exact(len).is_err() {
            return Err(PyErr::no_memory(py));
        }
        // SAFETY: room for `len` bytes, which PyBuffer_ToContiguous writes
        // from the acquired view (C reads the exporter's memory, as the C
        // module would); on success they are initialized.
        unsafe {
            if ffi::PyBuffer_ToContiguous(copy.as_mut_ptr().cast(), self.view, len as _, b'C' as _)
                != 0
            {
                return Err(PyErr::fetch_after_failure(py));
            }
            copy.set_len(len);
        }
        Ok(Snapshot::Copied(copy))
    }
}

/// The bytes of a buffer at one point of the call.
pub enum Snapshot<'s> {
    /// In place: an immutable object's storage.
    Shared(&'s [u8]),
    /// A copy of memory that may change.
    Copied(Vec<u8>),
}

impl core::ops::Deref for Snapshot<'_> {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            Snapshot::Shared(bytes) => bytes,
            Snapshot::Copied(bytes) => bytes,
        }
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
            // SAFETY: NUL-terminated strings and a live object.
            unsafe {
                ffi::_PyArg_BadArgument(
                    info.fname.as_ptr(),
                    info.display.as_ptr(),
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
    pub fn read(&self) -> PyResult<Snapshot<'s>> {
        match self {
            AsciiBuffer::Str(bytes) => Ok(Snapshot::Shared(bytes)),
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
