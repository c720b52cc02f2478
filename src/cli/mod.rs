//! The command line: `run`, `export`, `seek`, `backtest`, `brief`, `councils`, `neighbours`,
//! `new`, `import`, `evidence` and `check` (see [`Command`]), one file each; their arguments in
//! `args.rs`. With no arguments the binary opens the window instead (see `main.rs`).
//!
//! Exit codes: 0 success, 2 bad input (message on stderr), 1 anything else.

mod args;
mod backtest;
mod brief;
mod check;
mod councils;
mod evidence;
mod export;
mod forecast;
mod import;
mod neighbours;
mod new;
mod run;
mod seek;

pub use args::*;

use crate::io::{overrides, scenario_file};
use crate::model::{Scenario, project};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for anything that is not the input's fault (e.g. stdout closed).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad input: a bad file, path, value or argument.
pub const EXIT_BAD_INPUT: i32 = 2;

/// Checks a scenario that `new` or `import` made, saves it to `out` (adding `.ron` when the name
/// has no scenario extension) and returns the line saying so; or the outcome to exit with: a
/// failure if the scenario is invalid (a fault in the fit: `made` names it), or the save's error.
fn write_made_scenario(out: &Path, scenario: &Scenario, made: &str) -> Result<String, Outcome> {
    if let Err(errors) = scenario.validate() {
        return Err(Outcome::failure(format!(
            "{made} is not valid (please report this): {}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    let path = crate::io::scenario_file::with_ron_extension(out.to_path_buf());
    scenario_file::save(&path, scenario).map_err(Outcome::save_failed)?;
    Ok(format!(
        "wrote {}: \"{}\", {} to {}\n",
        path.display(),
        scenario.name,
        scenario.start_month,
        scenario.end_month()
    ))
}

/// What a command produced: text for stdout, warnings for stderr, and the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Goes to stdout.
    pub stdout: String,
    /// Goes to stderr.
    pub stderr: String,
    /// The process exit code.
    pub code: i32,
}

impl Outcome {
    /// `text` on stdout and `stderr` beside it, or the failure to make the text.
    fn printed(text: Result<String, String>, stderr: String) -> Outcome {
        match text {
            Ok(stdout) => Outcome {
                stdout,
                stderr,
                code: EXIT_OK,
            },
            Err(error) => Outcome::failure(error),
        }
    }

    fn bad_input(message: impl std::fmt::Display) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: format!("error: {message}\n"),
            code: EXIT_BAD_INPUT,
        }
    }

    /// A save that failed: bad input (exit 2) when the name itself is refused (reserved, too
    /// long, characters Windows forbids), a failure (exit 1) otherwise.
    fn save_failed(error: scenario_file::ScenarioFileError) -> Outcome {
        match &error {
            scenario_file::ScenarioFileError::Save(save)
                if save.source.kind() == std::io::ErrorKind::InvalidFilename =>
            {
                Outcome::bad_input(error)
            }
            _ => Outcome::failure(error),
        }
    }

    fn failure(message: impl std::fmt::Display) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: format!("error: {message}\n"),
            code: EXIT_FAILURE,
        }
    }
}

/// Runs one command without touching the process's streams (so tests can call it).
pub fn execute(command: &Command) -> Outcome {
    match command {
        Command::Run(args) => run::execute(args),
        Command::Export(args) => export::execute(args),
        Command::Seek(args) => seek::execute(args),
        Command::Backtest(args) => backtest::execute(args),
        Command::Brief(args) => brief::execute(args),
        Command::Councils(args) => councils::execute(args),
        Command::Neighbours(args) => neighbours::execute(args),
        Command::New(args) => new::execute(args),
        Command::Import(args) => import::execute(args),
        Command::Evidence(args) => evidence::execute(args),
        Command::Check(args) => check::execute(args),
        Command::Forecast(args) => forecast::execute(args),
    }
}

/// A result printed as pretty JSON or as the CSV `csv` makes, with `stderr` beside it.
fn as_json_or_csv<T: serde::Serialize>(
    format: Format,
    value: &T,
    csv: impl FnOnce() -> Result<String, csv::Error>,
    stderr: String,
) -> Outcome {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(value)
            .map(|mut json| {
                json.push('\n');
                json
            })
            .map_err(|e| e.to_string()),
        Format::Csv => csv().map_err(|e| e.to_string()),
    };
    Outcome::printed(text, stderr)
}

/// Items as a pretty JSON array, each object with its sentence added as `words`.
fn json_with_words<'a, T: serde::Serialize + 'a>(
    items: impl Iterator<Item = (&'a T, String)>,
) -> Result<String, serde_json::Error> {
    let values = items
        .map(|(item, words)| {
            let mut value = serde_json::to_value(item)?;
            if let Some(object) = value.as_object_mut() {
                object.insert("words".into(), words.into());
            }
            Ok(value)
        })
        .collect::<Result<Vec<serde_json::Value>, serde_json::Error>>()?;
    serde_json::to_string_pretty(&values).map(|text| text + "\n")
}

/// Loads a scenario file and applies `--set` overrides; warnings go to the returned text.
fn load_with_overrides(file: &Path, set: &[String]) -> Result<(Scenario, String), Outcome> {
    let loaded = scenario_file::load(file).map_err(Outcome::bad_input)?;
    let mut warnings = String::new();
    for warning in loaded.warnings() {
        warnings.push_str(&format!("warning: {}: {warning}\n", file.display()));
    }
    let scenario = overrides::apply(&loaded.scenario, set).map_err(Outcome::bad_input)?;
    Ok((scenario, warnings))
}

/// Runs a command and writes its output to the process's stdout and stderr. Returns the exit code.
pub fn run_and_print(command: &Command) -> i32 {
    let outcome = execute(command);
    let mut code = outcome.code;
    if !outcome.stdout.is_empty() {
        let mut stdout = std::io::stdout().lock();
        if stdout
            .write_all(outcome.stdout.as_bytes())
            .and_then(|_| stdout.flush())
            .is_err()
            && code == EXIT_OK
        {
            code = EXIT_FAILURE;
        }
    }
    if !outcome.stderr.is_empty() {
        let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    }
    code
}
