//! TODO: available task (stub; being written).

#[allow(dead_code)]
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("the available task is not written yet".into())
}
