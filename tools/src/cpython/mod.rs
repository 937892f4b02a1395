//! CPython glue: apply the layer to a CPython source tree.
//!
//! This is the thin CPython-specific part; everything else in the layer is
//! generic.  `apply` copies the layer in, makes small edits (configure.ac,
//! Makefile.pre.in, Modules/Setup.stdlib.in, PCbuild/pythoncore.vcxproj) and
//! regenerates `configure` with the autoconf version the tree was generated
//! with.

mod api_gate;
mod apply;
mod autoconf;
mod copy;
mod edits;
pub(crate) mod modules;

pub use apply::layer_root;

const USAGE: &str = "\
usage: cargo cpython apply <cpython-tree> [--stage warn|opt-out|require] [--diff] [--no-regen]

  --stage     the --with-rust policy (default: warn, the Python 3.15 plan)
  --diff      print the edits as a unified diff
  --no-regen  do not regenerate configure (you run autoconf yourself)
";

pub fn run(args: &[String]) -> Result<(), String> {
    let help = |a: &String| a == "-h" || a == "--help";
    match args.first().map(String::as_str) {
        Some("apply") if args[1..].iter().any(help) => {
            print!("{USAGE}");
            Ok(())
        }
        Some("apply") => apply::run(&apply::Options::parse(&args[1..])?),
        Some("-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("cpython: unknown or missing command\n{USAGE}")),
    }
}
