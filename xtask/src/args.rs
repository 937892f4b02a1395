//! A tiny parser for the `--name value` / `--flag` arguments that make passes.
//!
//! Hand-written so the build driver needs no argument-parsing crate.

use std::collections::HashMap;

pub struct Args {
    task: &'static str,
    /// Every value given for each option, in order.
    values: HashMap<String, Vec<String>>,
    flags: Vec<String>,
    /// Everything after a bare `--`: passed on to cargo unchanged.
    pub rest: Vec<String>,
}

impl Args {
    /// `takes_value` lists the options followed by a value; any other
    /// `--name` is a flag.  An option may be given more than once (`all`).
    pub fn parse(
        task: &'static str,
        args: &[String],
        takes_value: &[&str],
    ) -> Result<Args, String> {
        let mut parsed = Args {
            task,
            values: HashMap::new(),
            flags: Vec::new(),
            rest: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if arg == "--" {
                parsed.rest = iter.cloned().collect();
                break;
            }
            let Some(name) = arg.strip_prefix("--") else {
                return Err(format!(
                    "{task}: unexpected argument `{arg}`; options start with `--`"
                ));
            };
            if takes_value.contains(&name) {
                let value = iter
                    .next()
                    .ok_or_else(|| format!("{task}: `--{name}` needs a value"))?;
                parsed
                    .values
                    .entry(name.to_owned())
                    .or_default()
                    .push(value.clone());
            } else {
                parsed.flags.push(name.to_owned());
            }
        }
        Ok(parsed)
    }

    /// The value of `--name`, or an error saying it is missing.
    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.optional(name).ok_or_else(|| {
            format!(
                "{}: `--{name}` is missing or empty (Makefile.rust passes it from configure; re-run configure)",
                self.task
            )
        })
    }

    /// The (last) value of `--name` when given and not empty.
    pub fn optional(&self, name: &str) -> Option<&str> {
        self.all(name).last().copied().filter(|v| !v.is_empty())
    }

    /// Every value of `--name`, in the order given.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.values
            .get(name)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_flags_and_rest() {
        let args = Args::parse(
            "t",
            &strings(&["--target", "x", "--verbose", "--", "--locked", "--offline"]),
            &["target"],
        )
        .unwrap();
        assert_eq!(args.required("target").unwrap(), "x");
        assert!(args.flag("verbose"));
        assert!(!args.flag("quiet"));
        assert_eq!(args.rest, strings(&["--locked", "--offline"]));
    }

    #[test]
    fn missing_value_and_empty_value_are_errors() {
        assert!(Args::parse("t", &strings(&["--target"]), &["target"]).is_err());
        let args = Args::parse("t", &strings(&["--target", ""]), &["target"]).unwrap();
        assert!(args.required("target").unwrap_err().contains("--target"));
    }

    #[test]
    fn a_repeated_option_keeps_every_value() {
        let args = Args::parse("t", &strings(&["--s", "a=1", "--s", "b="]), &["s"]).unwrap();
        assert_eq!(args.all("s"), ["a=1", "b="]);
        assert_eq!(args.optional("s"), Some("b="));
        assert!(args.all("none").is_empty());
    }

    #[test]
    fn positional_arguments_are_rejected() {
        assert!(Args::parse("t", &strings(&["oops"]), &[]).is_err());
    }
}
