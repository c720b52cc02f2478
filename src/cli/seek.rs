//! `care-levers seek`: the value of one lever that reaches a goal ("what would it take?").

use super::*;

/// Runs `seek`.
pub(super) fn execute(args: &SeekArgs) -> Outcome {
    let SeekArgs {
        scenario: ScenarioArgs { file, set },
        lever,
        target,
    } = args;
    use crate::model::goal_seek::{parse_goal, parse_lever, seek};
    let lever = match parse_lever(lever) {
        Ok(lever) => lever,
        Err(message) => return Outcome::bad_input(message),
    };
    let goal = match parse_goal(target) {
        Ok(goal) => goal,
        Err(message) => return Outcome::bad_input(message),
    };
    let (scenario, stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let result = match seek(&scenario, lever, goal) {
        Ok(result) => result,
        Err(error) => return Outcome::bad_input(error),
    };
    let spec = lever.spec();
    let achieved = crate::report::format::goal_result(&goal, result.achieved);
    let line = format!(
        "levers.{}.value = {:.4} ({}) gives {achieved}",
        spec.key, result.value, spec.unit
    );
    if result.reached {
        Outcome {
            stdout: format!("{line}\n"),
            stderr,
            code: EXIT_OK,
        }
    } else {
        Outcome::failure(format!(
            "{goal} cannot be reached with {} between {} and {}: the closest is {line}",
            spec.label.to_lowercase(),
            spec.min,
            spec.max
        ))
    }
}
