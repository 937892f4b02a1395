//! TODO: platforms task (stub; being written).

#[allow(dead_code)]
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("the platforms task is not written yet".into())
}
