//! `care-levers new`: a starting scenario for a council from its published figures.

use super::*;

/// Runs `new`.
pub(super) fn execute(args: &NewArgs) -> Outcome {
    let NewArgs { council, at, out } = args;
    let fitted = match crate::io::councils::scenario_for_council(council, *at) {
        Ok(fitted) => fitted,
        Err(error) => return Outcome::bad_input(error),
    };
    let made = format!("the scenario made for {council}");
    match write_made_scenario(out, &fitted.scenario, &made) {
        Ok(wrote) => Outcome {
            stdout: wrote,
            stderr: fitted
                .notes
                .iter()
                .map(|n| format!("note: {n}\n"))
                .collect(),
            code: EXIT_OK,
        },
        Err(failed) => failed,
    }
}
