//! The command line: `care-levers run FILE` and `care-levers check FILE`.
//! With no arguments the binary opens the window instead (see `main.rs`).
//!
//! Exit codes: 0 success, 2 bad input (message on stderr), 1 anything else.

use crate::io::{export, overrides, scenario_file};
use crate::model::{Scenario, project};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

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
        /// Add Monte Carlo percentiles from this many draws to the JSON (e.g. 1000).
        #[arg(long, value_name = "N")]
        draws: Option<usize>,
        /// Seed for the draws; the same seed gives the same percentiles.
        #[arg(long, default_value_t = crate::model::monte_carlo::DEFAULT_SEED)]
        seed: u64,
    },
    /// Export the projection to CSV (monthly and financial-year tables) and/or Excel.
    Export {
        /// The scenario file (.ron).
        file: PathBuf,
        /// Override a field by its path in the file, as for `run`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// Write the monthly table here, and the financial-year table beside it as NAME_years.csv.
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// Write an Excel workbook here: monthly, financial years and assumptions sheets.
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// Find the value of one lever that reaches a goal ("what would it take?").
    Seek {
        /// The scenario file (.ron).
        file: PathBuf,
        /// The lever, e.g. front_door or levers.front_door.value.
        #[arg(long, value_name = "PATH")]
        lever: String,
        /// The goal: looked_after=770@2017-03 or overspend=0@2016-17.
        #[arg(long, value_name = "GOAL")]
        target: String,
        /// Override a field by its path in the file, as for `run`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
    },
    /// Re-start the projection at an earlier count and compare it with every later count.
    Backtest {
        /// The scenario file (.ron), with counted children in care under `actuals`.
        file: PathBuf,
        /// The month of the count to start from (default: the latest count before the scenario
        /// starts), e.g. 2014-03.
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<crate::model::Month>,
        /// Output format: JSON (points and summary) or CSV (one row a point).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Monte Carlo draws for the bands.
        #[arg(long, value_name = "N", default_value_t = crate::model::monte_carlo::DEFAULT_DRAWS)]
        draws: usize,
        /// Seed for the draws.
        #[arg(long, default_value_t = crate::model::monte_carlo::DEFAULT_SEED)]
        seed: u64,
        /// Override a field by its path in the file, as for `run`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
    },
    /// Check a scenario file and report any problem.
    Check {
        /// The scenario file (.ron).
        file: PathBuf,
    },
}

/// Output formats for `run` and `backtest`.
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
        Command::Seek {
            file,
            lever,
            target,
            set,
        } => {
            use crate::model::goal_seek::{Goal, parse_goal, parse_lever, seek};
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
            let achieved = match goal {
                Goal::LookedAfter { month, .. } => format!(
                    "{:.1} children in care at the end of {month}",
                    result.achieved
                ),
                Goal::Overspend { year, .. } => {
                    format!(
                        "an overspend of £{} in {year}",
                        result.achieved.round() as i64
                    )
                }
            };
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
        Command::Export {
            file,
            set,
            csv,
            xlsx,
        } => {
            if csv.is_none() && xlsx.is_none() {
                return Outcome::bad_input(
                    "say where to export: --csv OUT.csv and/or --xlsx OUT.xlsx",
                );
            }
            let (scenario, stderr) = match load_with_overrides(file, set) {
                Ok(loaded) => loaded,
                Err(outcome) => return outcome,
            };
            let projection = project(&scenario);
            let mut stdout = String::new();
            if let Some(path) = csv {
                match export::write_csv_files(path, &projection) {
                    Ok(written) => {
                        for path in written {
                            stdout.push_str(&format!("wrote {}\n", path.display()));
                        }
                    }
                    Err(error) => return Outcome::failure(error),
                }
            }
            if let Some(path) = xlsx {
                match export::write_xlsx(path, &scenario, &projection) {
                    Ok(()) => stdout.push_str(&format!("wrote {}\n", path.display())),
                    Err(error) => return Outcome::failure(error),
                }
            }
            Outcome {
                stdout,
                stderr,
                code: EXIT_OK,
            }
        }
        Command::Backtest {
            file,
            from,
            format,
            draws,
            seed,
            set,
        } => {
            if *draws == 0 || *draws > 100_000 {
                return Outcome::bad_input("--draws must be from 1 to 100,000");
            }
            let (scenario, stderr) = match load_with_overrides(file, set) {
                Ok(loaded) => loaded,
                Err(outcome) => return outcome,
            };
            let result = match crate::model::outcome::backtest(&scenario, *from, *draws, *seed) {
                Ok(result) => result,
                Err(error) => return Outcome::bad_input(format!("{}: {error}", file.display())),
            };
            let text = match format {
                Format::Json => serde_json::to_string_pretty(&result)
                    .map(|mut json| {
                        json.push('\n');
                        json
                    })
                    .map_err(|e| e.to_string()),
                Format::Csv => export::backtest_csv(&result).map_err(|e| e.to_string()),
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
        Command::Run {
            file,
            set,
            format,
            draws,
            seed,
        } => {
            let (scenario, stderr) = match load_with_overrides(file, set) {
                Ok(loaded) => loaded,
                Err(outcome) => return outcome,
            };
            if draws.is_some_and(|n| n == 0 || n > 100_000) {
                return Outcome::bad_input("--draws must be from 1 to 100,000");
            }
            let projection = project(&scenario);
            let bands = draws.map(|n| {
                let threads = std::thread::available_parallelism().map_or(2, |t| t.get());
                crate::model::monte_carlo(&scenario, n, *seed, threads)
            });
            let text = match format {
                Format::Json => {
                    export::to_json_with_bands(&scenario.name, &projection, bands.as_ref())
                        .map(|mut json| {
                            json.push('\n');
                            json
                        })
                        .map_err(|e| e.to_string())
                }
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
