//! TODO: cpython task (stub; being written).

#[allow(dead_code)]
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("the cpython task is not written yet".into())
}
