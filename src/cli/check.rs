//! `care-levers check`: loads a scenario file and says whether it is sound.

use super::*;

/// Runs `check`.
pub(super) fn execute(args: &CheckArgs) -> Outcome {
    let CheckArgs { file } = args;
    match scenario_file::load(file) {
        Ok(loaded) => {
            let mut stderr = String::new();
            for warning in loaded.warnings() {
                stderr.push_str(&format!("warning: {}: {warning}\n", file.display()));
            }
            Outcome {
                stdout: format!(
                    "{}: ok: \"{}\", {} to {}\n",
                    file.display(),
                    loaded.scenario.name,
                    loaded.scenario.start_month,
                    loaded.scenario.end_month()
                ),
                stderr,
                code: EXIT_OK,
            }
        }
        Err(error) => Outcome::bad_input(error),
    }
}
