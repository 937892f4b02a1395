//! Constants CPython defines with casts, which bindgen cannot evaluate: the
//! reference count (and flags) of statically allocated objects.  Computed
//! here for the version, build and pointer width, written as Rust constants
//! of the same name, and asserted against the headers by the C compiler
//! (`check_c.rs`), so a version that changes them fails the build.

use crate::cfgs::PythonConfig;
use crate::layout::Constant;

pub struct Derived {
    pub name: &'static str,
    /// The Rust type of the constant (a bindings type name).
    pub rust_type: &'static str,
    pub value: i128,
}

pub fn constants(config: &PythonConfig, pointer_width: u32) -> Vec<Derived> {
    let wide = pointer_width > 32;
    let minor = config.minor;
    let mut derived = Vec::new();
    if config.gil_disabled {
        // `ob_ref_local` of an immortal object (3.13+).
        derived.push(Derived {
            name: "_Py_IMMORTAL_REFCNT_LOCAL",
            rust_type: "u32",
            value: u32::MAX.into(),
        });
    } else if minor >= 14 {
        // Immortal, with _Py_STATICALLY_ALLOCATED_FLAG | _Py_IMMORTAL_FLAGS
        // in the flags half-word of 64-bit headers.
        let value = if wide {
            (3 << 30) | ((4 | 1) << 48)
        } else {
            7 << 28
        };
        derived.push(Derived {
            name: "_Py_STATIC_IMMORTAL_INITIAL_REFCNT",
            rust_type: "Py_ssize_t",
            value,
        });
    } else if minor >= 12 {
        let value = if wide {
            u32::MAX.into()
        } else {
            (u32::MAX >> 2).into()
        };
        derived.push(Derived {
            name: "_Py_IMMORTAL_REFCNT",
            rust_type: "Py_ssize_t",
            value,
        });
    }
    derived
}

pub fn rust_code(derived: &[Derived]) -> String {
    let mut code = String::from("// Derived constants (cpython-sys build/derived.rs).\n");
    for d in derived {
        code.push_str(&format!(
            "pub const {}: {} = {};\n",
            d.name, d.rust_type, d.value
        ));
    }
    code
}

pub fn as_constants(derived: &[Derived]) -> Vec<Constant> {
    derived
        .iter()
        .map(|d| Constant {
            name: d.name.to_string(),
            value: d.value.to_string(),
        })
        .collect()
}
