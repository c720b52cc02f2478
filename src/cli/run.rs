//! `care-levers run`: a scenario's projection as JSON or CSV, with Monte Carlo percentiles if asked.

use super::*;
use crate::io::export;

/// Runs `run`.
pub(super) fn execute(args: &RunArgs) -> Outcome {
    let RunArgs {
        scenario: ScenarioArgs { file, set },
        format,
        draws,
    } = args;
    let (scenario, stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let seed = draws.seed;
    let draws = match draws.checked() {
        Ok(draws) => draws,
        Err(message) => return Outcome::bad_input(message),
    };
    let projection = project(&scenario);
    let bands = draws.map(|n| {
        let threads = std::thread::available_parallelism().map_or(2, |t| t.get());
        crate::model::monte_carlo(&scenario, n, seed, threads)
    });
    let text = match format {
        Format::Json => export::to_json_with_bands(&scenario, &projection, bands.as_ref())
            .map(|mut json| {
                json.push('\n');
                json
            })
            .map_err(|e| e.to_string()),
        Format::Csv => export::monthly_csv(&projection).map_err(|e| e.to_string()),
    };
    Outcome::printed(text, stderr)
}
