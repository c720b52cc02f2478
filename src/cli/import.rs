//! `care-levers import`: a scenario fitted to a council's SSDA903 return.

use super::*;

/// Runs `import`.
pub(super) fn execute(args: &ImportArgs) -> Outcome {
    import_files(
        &args.paths,
        args.at.as_deref(),
        args.reference_months,
        args.council.as_deref(),
        &args.out,
        args.summary,
    )
}

/// `care-levers import`: reads, fits, saves, and reports what it did.
fn import_files(
    paths: &[PathBuf],
    at: Option<&str>,
    reference_months: u32,
    council: Option<&str>,
    out: &Path,
    summary: Option<SummaryFormat>,
) -> Outcome {
    use crate::io::ssda903::{ImportOptions, MoneyFrom, import, read_paths};
    let at = match at.map(str::parse::<crate::model::Month>).transpose() {
        Ok(at) => at,
        Err(error) => return Outcome::bad_input(format!("--at: {error}")),
    };
    let options = ImportOptions {
        fit: crate::model::episodes::EpisodeFitOptions {
            at,
            reference_months,
            ..Default::default()
        },
        money: council.map_or(MoneyFrom::England, |c| MoneyFrom::Council(c.to_string())),
    };
    let imported = match read_paths(paths).and_then(|files| import(&files, &options)) {
        Ok(imported) => imported,
        Err(error) => return Outcome::bad_input(error),
    };
    let wrote = match write_made_scenario(out, &imported.scenario, "the imported scenario") {
        Ok(wrote) => wrote,
        Err(failed) => return failed,
    };
    let text: String = imported
        .summary
        .lines()
        .iter()
        .map(|line| format!("{line}\n"))
        .collect();
    match summary {
        Some(SummaryFormat::Json) => match serde_json::to_string_pretty(&imported.summary) {
            Ok(json) => Outcome {
                stdout: json + "\n",
                stderr: wrote,
                code: EXIT_OK,
            },
            Err(error) => Outcome::failure(error),
        },
        None => Outcome {
            stdout: wrote,
            stderr: text,
            code: EXIT_OK,
        },
    }
}
