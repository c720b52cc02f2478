//! The command line: `run`, `export`, `seek`, `backtest`, `councils`, `new`, `import`,
//! `evidence` and `check` (see [`Command`]).
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
#[command(
    name = "care-levers",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; none opens the window on the Norfolk 2014 scenario.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario files to open in the window (.carelevers or .ron), e.g. a double-clicked file.
    /// The first replaces the Norfolk 2014 scenario; the rest open alongside it.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
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
    /// Re-start the projection at an earlier count and compare it with every later count; or,
    /// with --all-councils, forecast every council from its published figures.
    Backtest {
        /// The scenario file (.ron), with counted children in care under `actuals`.
        #[arg(required_unless_present = "all_councils")]
        file: Option<PathBuf>,
        /// Forecast every English council from its own published figures instead.
        #[arg(long, conflicts_with = "file")]
        all_councils: bool,
        /// The count to start from: YYYY-MM for a file (default: the latest count before the
        /// scenario starts); the 31 March YEAR (or several, comma-separated) for all councils.
        #[arg(long, value_name = "YYYY-MM or YEAR")]
        from: Option<String>,
        /// Years ahead to compare, for all councils.
        #[arg(long, value_name = "N", default_value_t = 3)]
        years: i32,
        /// Output format: JSON (points and summary) or CSV (one row a point).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Monte Carlo draws for the bands (default 1,000; 500 a council for all councils).
        #[arg(long, value_name = "N")]
        draws: Option<usize>,
        /// Seed for the draws.
        #[arg(long, default_value_t = crate::model::monte_carlo::DEFAULT_SEED)]
        seed: u64,
        /// Override a field by its path in the file, as for `run`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// For all councils: count unaccompanied asylum-seeking children with the others, as
        /// before they were counted apart (to measure what counting them apart changes).
        #[arg(long, requires = "all_councils")]
        uasc_mixed: bool,
    },
    /// Write a committee briefing of a scenario as a tagged, accessible PDF (.pdf) or a Word
    /// document (.docx): key figures, the children and spend charts with their data, options,
    /// assumptions and evidence, the uncertainty in words, and marked prompts for the officer.
    Brief {
        /// The scenario file (.ron or .carelevers).
        file: PathBuf,
        /// Up to two other scenario files offered as options beside it.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        compare: Vec<PathBuf>,
        /// Where to write it: OUT.pdf or OUT.docx (the ending chooses the format).
        #[arg(long, value_name = "OUT.pdf|OUT.docx")]
        out: PathBuf,
        /// Override a field by its path in the file, as for `run`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// Monte Carlo draws for the uncertainty (0 for none).
        #[arg(long, value_name = "N", default_value_t = crate::model::monte_carlo::DEFAULT_DRAWS)]
        draws: usize,
        /// Seed for the draws.
        #[arg(long, default_value_t = crate::model::monte_carlo::DEFAULT_SEED)]
        seed: u64,
    },
    /// List England's councils: code, name, region and children in care at the latest 31 March.
    Councils {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// A council beside its DfE statistical neighbours and England: children in care and
    /// starting care per 10,000 children, and the share in children's homes, by year.
    Neighbours {
        /// The council: a name (e.g. Norfolk) or a DfE code (e.g. 926).
        council: String,
        /// The 31 March year for the sentence on the gap (default: the latest published).
        #[arg(long, value_name = "YEAR")]
        at: Option<i32>,
        /// Output format: CSV (one row a measure and year; the gap in words on stderr) or JSON.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// Make a starting scenario for a council from its published figures.
    New {
        /// The council: a name (e.g. Norfolk) or a DfE code (e.g. 926).
        #[arg(long, value_name = "NAME_OR_CODE")]
        council: String,
        /// The 31 March year to start from (default: the latest published).
        #[arg(long, value_name = "YEAR")]
        at: Option<i32>,
        /// Where to write the scenario (.ron).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Fit a scenario to a council's SSDA903 return: its header and episodes CSV files (one
    /// pair per year or all years together), or folders holding them.
    Import {
        /// The files or folders, in any order.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The month at whose end the opening children are counted, e.g. 2019-03 (default: the
        /// last month the data cover). The scenario starts the month after.
        #[arg(long, value_name = "YYYY-MM")]
        at: Option<String>,
        /// Months up to --at over which entries, exits and moves are measured.
        #[arg(long, value_name = "N", default_value_t = 36)]
        reference_months: u32,
        /// Take unit costs and the budget from this council's published figures (a name or a
        /// DfE code) instead of England's defaults.
        #[arg(long, value_name = "NAME_OR_CODE")]
        council: Option<String>,
        /// Where to write the scenario (.carelevers or .ron).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Print the import summary as JSON on stdout (otherwise it goes to stderr as text).
        #[arg(long, value_enum, value_name = "FORMAT")]
        summary: Option<SummaryFormat>,
    },
    /// The evidence library: every programme with its effect, evidence and source; or, with a
    /// scenario file, the evidence check of each pulled lever against it.
    Evidence {
        /// A scenario file (.ron) to check; none lists the library.
        file: Option<PathBuf>,
        /// Override a field by its path in the file, as for `run`.
        #[arg(long = "set", value_name = "PATH=VALUE", requires = "file")]
        set: Vec<String>,
        /// Also write the evidence-based version of the scenario here: each lever that claims
        /// more than the evidence supports set to the library's reference programme.
        #[arg(long, value_name = "FILE", requires = "file")]
        evidence_based: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a scenario file and report any problem.
    Check {
        /// The scenario file (.ron).
        file: PathBuf,
    },
}

/// How `import` prints its summary.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    /// The summary as JSON.
    Json,
}

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

/// `care-levers import`: reads, fits, saves, and reports what it did.
fn import(
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
        Command::Evidence {
            file,
            set,
            evidence_based,
            json,
        } => evidence(file.as_deref(), set, evidence_based.as_deref(), *json),
        Command::Neighbours {
            council,
            at,
            format,
        } => neighbours(council, *at, *format),
        Command::Brief {
            file,
            compare,
            out,
            set,
            draws,
            seed,
        } => brief(file, compare, out, set, *draws, *seed),
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
        Command::Councils { format } => {
            let data = match crate::data::councils::CouncilData::shipped() {
                Ok(data) => data,
                Err(error) => return Outcome::failure(error),
            };
            let list = data.councils_with_counts();
            let text = match format {
                Format::Json => serde_json::to_string_pretty(&list)
                    .map(|mut text| {
                        text.push('\n');
                        text
                    })
                    .map_err(|e| e.to_string()),
                Format::Csv => {
                    let mut writer = csv::Writer::from_writer(Vec::new());
                    let mut result = writer.write_record([
                        "code",
                        "ons_code",
                        "name",
                        "region",
                        "latest_year",
                        "looked_after_at_latest_31_march",
                    ]);
                    for c in &list {
                        if result.is_ok() {
                            result = writer.write_record([
                                c.code.clone(),
                                c.ons_code.clone(),
                                c.name.clone(),
                                c.region.clone(),
                                c.last_year.map_or(String::new(), |y| y.to_string()),
                                c.latest_looked_after
                                    .map_or(String::new(), |n| n.to_string()),
                            ]);
                        }
                    }
                    result
                        .map_err(|e| e.to_string())
                        .and_then(|()| writer.into_inner().map_err(|e| e.to_string()))
                        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                }
            };
            match text {
                Ok(stdout) => Outcome {
                    stdout,
                    stderr: format!("{}\n", crate::data::councils::ATTRIBUTION),
                    code: EXIT_OK,
                },
                Err(error) => Outcome::failure(error),
            }
        }
        Command::New { council, at, out } => {
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
        Command::Import {
            paths,
            at,
            reference_months,
            council,
            out,
            summary,
        } => import(
            paths,
            at.as_deref(),
            *reference_months,
            council.as_deref(),
            out,
            *summary,
        ),
        Command::Backtest {
            file,
            all_councils,
            from,
            years,
            format,
            draws,
            seed,
            set,
            uasc_mixed,
        } => {
            if draws.is_some_and(|n| n == 0 || n > 100_000) {
                return Outcome::bad_input("--draws must be from 1 to 100,000");
            }
            if *all_councils {
                return backtest_all_councils(
                    from.as_deref(),
                    *years,
                    draws.unwrap_or(500),
                    *seed,
                    *format,
                    !*uasc_mixed,
                );
            }
            let Some(file) = file else {
                return Outcome::bad_input("give a scenario file, or --all-councils");
            };
            let from = match from.as_deref().map(str::parse::<crate::model::Month>) {
                None => None,
                Some(Ok(month)) => Some(month),
                Some(Err(error)) => return Outcome::bad_input(format!("--from: {error}")),
            };
            let (scenario, stderr) = match load_with_overrides(file, set) {
                Ok(loaded) => loaded,
                Err(outcome) => return outcome,
            };
            let draws = draws.unwrap_or(crate::model::monte_carlo::DEFAULT_DRAWS);
            let result = match crate::model::outcome::backtest(&scenario, from, draws, *seed) {
                Ok(result) => result,
                Err(error) => return Outcome::bad_input(format!("{}: {error}", file.display())),
            };
            as_json_or_csv(*format, &result, || export::backtest_csv(&result), stderr)
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

/// `backtest --all-councils`: every council forecast from its own figures at each origin.
fn backtest_all_councils(
    from: Option<&str>,
    years: i32,
    draws: usize,
    seed: u64,
    format: Format,
    uasc_apart: bool,
) -> Outcome {
    let Some(from) = from else {
        return Outcome::bad_input(
            "--all-councils needs --from YEAR (e.g. --from 2017, or 2017,2018,2019)",
        );
    };
    // An origin needs at least one later count to be compared with.
    let latest = match crate::data::councils::CouncilData::shipped() {
        Ok(data) => data
            .councils()
            .iter()
            .filter_map(|council| council.last_year)
            .max()
            .unwrap_or(2010),
        Err(error) => return Outcome::failure(error),
    };
    let last_origin = latest - 1;
    let mut origins = Vec::new();
    for part in from.split(',') {
        match part.trim().parse::<i32>() {
            Ok(year) if (2010..=last_origin).contains(&year) => origins.push(year),
            _ => {
                return Outcome::bad_input(format!(
                    "--from: `{part}` is not a 31 March year from 2010 to {last_origin} (the data end at 31 March {latest})"
                ));
            }
        }
    }
    if !(1..=10).contains(&years) {
        return Outcome::bad_input("--years must be from 1 to 10");
    }
    let result = match crate::io::councils::backtest_all_councils_with(
        &origins, years, draws, seed, uasc_apart,
    ) {
        Ok(result) => result,
        Err(error) => return Outcome::failure(error),
    };
    let mut stderr = String::new();
    for s in &result.summary {
        stderr.push_str(&format!(
            "{} year(s) ahead, {} councils: model {:.1}% error, no change {:.1}%, five-year line {:.1}%; {:.0}% of counts inside P10-P90\n",
            s.years_ahead,
            s.councils,
            s.model_mape,
            s.no_change_mape,
            s.linear_trend_mape,
            s.band_coverage * 100.0
        ));
    }
    for (council, reason) in &result.skipped {
        stderr.push_str(&format!("skipped {council}: {reason}\n"));
    }
    as_json_or_csv(
        format,
        &result,
        || export::council_backtest_csv(&result),
        stderr,
    )
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
    match text {
        Ok(stdout) => Outcome {
            stdout,
            stderr,
            code: EXIT_OK,
        },
        Err(error) => Outcome::failure(error),
    }
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

/// `care-levers neighbours`: a council beside its statistical neighbours and England.
fn neighbours(council: &str, at: Option<i32>, format: Format) -> Outcome {
    use crate::model::neighbours::Measure;
    use crate::report::neighbours::gap_words;
    let data = match crate::data::councils::CouncilData::shipped() {
        Ok(data) => data,
        Err(error) => return Outcome::failure(error),
    };
    let found = match data.find(council) {
        Ok(found) => found,
        Err(error) => return Outcome::bad_input(error),
    };
    let mut comparisons = Vec::new();
    for measure in Measure::ALL {
        match data.compare_with_neighbours(&found.code, measure) {
            Ok(comparison) => comparisons.push(comparison),
            Err(error) => return Outcome::bad_input(error),
        }
    }
    if let Some(year) = at
        && !comparisons[0].years.iter().any(|y| y.year == year)
    {
        return Outcome::bad_input(format!(
            "--at {year}: {} has no figures for 31 March {year}",
            found.name
        ));
    }
    let words: Vec<String> = comparisons.iter().map(|c| gap_words(c, at)).collect();
    let mut stderr = String::new();
    let stdout = match format {
        Format::Json => match json_with_words(comparisons.iter().zip(words.iter().cloned())) {
            Ok(text) => text,
            Err(error) => return Outcome::failure(error),
        },
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut result = writer.write_record([
                "measure",
                "year",
                "council",
                "neighbours_median",
                "neighbours_lowest",
                "neighbours_highest",
                "neighbours_average",
                "neighbours_published",
                "england",
                "children_at_neighbours_median",
                "children_above_neighbours_median",
            ]);
            let cell = |value: Option<f64>| value.map_or(String::new(), |v| format!("{v:.2}"));
            for comparison in &comparisons {
                for y in &comparison.years {
                    if result.is_ok() {
                        result = writer.write_record([
                            comparison.measure.key().to_string(),
                            y.year.to_string(),
                            cell(y.council),
                            cell(y.median),
                            cell(y.lowest),
                            cell(y.highest),
                            cell(y.average),
                            y.neighbours_published.to_string(),
                            cell(y.england),
                            cell(y.children_at_median),
                            cell(y.children_above_median),
                        ]);
                    }
                }
            }
            for line in &words {
                stderr.push_str(line);
                stderr.push('\n');
            }
            match result
                .map_err(|e| e.to_string())
                .and_then(|()| writer.into_inner().map_err(|e| e.to_string()))
            {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(error) => return Outcome::failure(error),
            }
        }
    };
    let neighbour_names: Vec<&str> = comparisons[0]
        .neighbours
        .iter()
        .map(|(_, name)| name.as_str())
        .collect();
    stderr.push_str(&format!(
        "{}'s statistical neighbours (DfE, May 2025), closest first: {}.\n{}\n",
        found.name,
        neighbour_names.join(", "),
        crate::data::councils::ATTRIBUTION
    ));
    Outcome {
        stdout,
        stderr,
        code: EXIT_OK,
    }
}

/// `care-levers evidence`: the library, or a scenario's evidence check.
fn evidence(
    file: Option<&Path>,
    set: &[String],
    evidence_based: Option<&Path>,
    json: bool,
) -> Outcome {
    use crate::model::evidence::{Library, check, evidence_based_version};
    let library = match Library::shipped() {
        Ok(library) => library,
        Err(error) => return Outcome::failure(error),
    };
    let Some(file) = file else {
        let stdout = if json {
            match serde_json::to_string_pretty(library) {
                Ok(text) => text + "\n",
                Err(error) => return Outcome::failure(error),
            }
        } else {
            crate::report::evidence::library_text(library)
        };
        return Outcome {
            stdout,
            ..Outcome::default()
        };
    };
    let (scenario, mut stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let checks = check(&scenario, library);
    let words = crate::report::evidence::check_words;
    let mut stdout = if json {
        match json_with_words(checks.iter().map(|check| (check, words(check)))) {
            Ok(text) => text,
            Err(error) => return Outcome::failure(error),
        }
    } else if checks.is_empty() {
        format!("{}: no lever is pulled; nothing to check.\n", scenario.name)
    } else {
        let mut text = format!("Evidence check of \"{}\":\n", scenario.name);
        for check in &checks {
            let mark = if check.exceeds { "CLAIMS MORE" } else { "ok" };
            text.push_str(&format!("- [{mark}] {}\n", words(check)));
        }
        text
    };
    if let Some(out) = evidence_based {
        let version = evidence_based_version(&scenario, library);
        match write_made_scenario(out, &version, "The evidence-based version") {
            Ok(line) => stderr.push_str(&line),
            Err(outcome) => return outcome,
        }
        if !json {
            stdout.push_str(&format!("Evidence-based version: \"{}\"\n", version.name));
        }
    }
    Outcome {
        stdout,
        stderr,
        code: EXIT_OK,
    }
}

/// Loads a scenario file and applies `--set` overrides; warnings go to the returned text.
/// `brief`: the briefing of `file` (with `compare` as options) written to `out` (.pdf or .docx).
fn brief(
    file: &Path,
    compare: &[PathBuf],
    out: &Path,
    set: &[String],
    draws: usize,
    seed: u64,
) -> Outcome {
    use sha2::Digest;
    let extension = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let Some(format) = crate::io::briefing_file::Format::from_extension(&extension) else {
        return Outcome::bad_input(format!(
            "--out: `{}` should end in .pdf or .docx",
            out.display()
        ));
    };
    if compare.len() > 2 {
        return Outcome::bad_input("--compare: at most two other scenarios");
    }
    if draws > 100_000 {
        return Outcome::bad_input("--draws must be from 0 to 100,000");
    }
    let (scenario, mut stderr) = match load_with_overrides(file, set) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => return Outcome::bad_input(format!("{}: {error}", file.display())),
    };
    let hash: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut others = Vec::new();
    for path in compare {
        match load_with_overrides(path, &[]) {
            Ok((other, warnings)) => {
                stderr.push_str(&warnings);
                others.push(other);
            }
            Err(outcome) => return outcome,
        }
    }
    let projection = project(&scenario);
    let other_projections: Vec<_> = others.iter().map(project).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let bands = (draws > 0).then(|| crate::model::monte_carlo(&scenario, draws, seed, threads));
    let input = crate::report::briefing::BriefingInput {
        scenario: &scenario,
        projection: &projection,
        bands: bands.as_ref(),
        compared: others.iter().zip(&other_projections).collect(),
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file_sha256: hash,
    };
    let briefing = crate::report::briefing::briefing(&input);
    let bytes = match format.write(&briefing) {
        Ok(bytes) => bytes,
        Err(error) => return Outcome::failure(format!("cannot make the briefing: {error}")),
    };
    match crate::io::durable::write_atomically(out, &bytes) {
        Ok(()) => Outcome {
            stdout: format!("wrote {} ({} bytes)\n", out.display(), bytes.len()),
            stderr,
            code: EXIT_OK,
        },
        Err(error) => Outcome::failure(error),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_without_a_command_open_in_the_window() {
        // As Windows passes a double-clicked file: `care-levers.exe "C:\...\plan.carelevers"`.
        let cli = Cli::try_parse_from(["care-levers", "My plan (v2).carelevers", "b.ron"])
            .expect("files parse");
        assert!(cli.command.is_none());
        assert_eq!(
            cli.files,
            vec![
                PathBuf::from("My plan (v2).carelevers"),
                PathBuf::from("b.ron")
            ]
        );
    }

    #[test]
    fn a_command_still_wins_over_files() {
        let cli = Cli::try_parse_from(["care-levers", "check", "plan.carelevers"])
            .expect("command parses");
        assert!(matches!(cli.command, Some(Command::Check { .. })));
        assert!(cli.files.is_empty());
        let none = Cli::try_parse_from(["care-levers"]).expect("nothing parses");
        assert!(none.command.is_none() && none.files.is_empty());
    }
}
