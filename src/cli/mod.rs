//! The command line: `care-levers run FILE` and `care-levers check FILE`.
//! With no arguments the binary opens the window instead (see `main.rs`).
//!
//! Exit codes: 0 success, 2 bad input (message on stderr), 1 anything else.

use crate::io::{export, overrides, scenario_file};
use crate::model::project;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Exit code for success.
pub const EXIT_OK: i32 = 0;
/// Exit code for anything that is not the input's fault (e.g. stdout closed).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for bad input: a bad file, path, value or argument.
pub const EXIT_BAD_INPUT: i32 = 2;

/// Care Levers: what-if planning for children's services. With no command, opens the window.
#[derive(Parser, Debug)]
#[command(name = "care-levers", version, about)]
pub struct Cli {
    /// What to do; none opens the window on the Norfolk 2014 scenario.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Project a scenario and print the months and financial years.
    Run {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Override a field by its path in the file, e.g. levers.early_help.value=3000000.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Check a scenario file and report any problem.
    Check {
        /// The scenario file (.ron).
        file: PathBuf,
    },
}

/// Output formats for `run`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// `months` and `years`, as JSON.
    Json,
    /// The monthly table, as CSV.
    Csv,
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
    fn bad_input(message: impl std::fmt::Display) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: format!("error: {message}\n"),
            code: EXIT_BAD_INPUT,
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
        Command::Check { file } => match scenario_file::load(file) {
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
        },
        Command::Run { file, set, format } => {
            let loaded = match scenario_file::load(file) {
                Ok(loaded) => loaded,
                Err(error) => return Outcome::bad_input(error),
            };
            let mut stderr = String::new();
            for warning in loaded.warnings() {
                stderr.push_str(&format!("warning: {}: {warning}\n", file.display()));
            }
            let scenario = match overrides::apply(&loaded.scenario, set) {
                Ok(scenario) => scenario,
                Err(error) => return Outcome::bad_input(error),
            };
            let projection = project(&scenario);
            let text = match format {
                Format::Json => export::to_json(&scenario.name, &projection)
                    .map(|mut json| {
                        json.push('\n');
                        json
                    })
                    .map_err(|e| e.to_string()),
                Format::Csv => export::monthly_csv(&projection).map_err(|e| e.to_string()),
            };
            match text {
                Ok(stdout) => Outcome {
                    stdout,
                    stderr,
                    code: EXIT_OK,
                },
                Err(error) => Outcome::failure(error),
            }
        }
    }
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
