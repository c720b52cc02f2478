//! The command line's arguments: [`Cli`], one [`Command`] a subcommand, each with its own
//! arguments struct, and the options several commands share ([`ScenarioArgs`], [`DrawArgs`]).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Care Levers: what-if planning for children's services. With no command, opens the window.
#[derive(Parser, Debug)]
#[command(
    name = "care-levers",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; none opens the window on the start page.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario files to open in the window (.carelevers or .ron), e.g. a double-clicked file.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Project a scenario and print the months and financial years.
    Run(RunArgs),
    /// Export the projection to CSV (monthly and financial-year tables) and/or Excel.
    Export(ExportArgs),
    /// Find the value of one lever that reaches a goal ("what would it take?").
    Seek(SeekArgs),
    /// Re-start the projection at an earlier count and compare it with every later count; or,
    /// with --all-councils, forecast every council from its published figures.
    Backtest(BacktestArgs),
    /// Write a committee briefing of a scenario as a tagged, accessible PDF (.pdf) or a Word
    /// document (.docx): key figures, the children and spend charts with their data, options,
    /// assumptions and evidence, the uncertainty in words, and marked prompts for the officer.
    Brief(BriefArgs),
    /// List England's councils: code, name, region and children in care at the latest 31 March.
    Councils(CouncilsArgs),
    /// A council beside its DfE statistical neighbours and England: children in care and
    /// starting care per 10,000 children, and the share in children's homes, by year.
    Neighbours(NeighboursArgs),
    /// Make a starting scenario for a council from its published figures.
    New(NewArgs),
    /// Fit a scenario to a council's SSDA903 return: its header and episodes CSV files (one
    /// pair per year or all years together), or folders holding them.
    Import(ImportArgs),
    /// The evidence library: every programme with its effect, evidence and source; or, with a
    /// scenario file, the evidence check of each pulled lever against it.
    Evidence(EvidenceArgs),
    /// Check a scenario file and report any problem.
    Check(CheckArgs),
    /// The financial year's forecast outturn from a placement list (CSV, docs/outturn.md):
    /// spend to date, each open placement's cost to its end or 31 March, new placements,
    /// income, against the budget. No child reference is printed.
    Forecast(ForecastArgs),
}

/// `forecast`.
#[derive(Args, Debug)]
pub struct ForecastArgs {
    /// The placement list (.csv or .xlsx; the template is in docs/outturn.md).
    pub list: PathBuf,
    /// The day the forecast is made at, e.g. 2025-09-30 or 30/09/2025 (spend to date runs to
    /// its end).
    #[arg(long, value_name = "DATE")]
    pub as_at: String,
    /// The scenario the forecast belongs to: its budget for the year, its new placements
    /// (entries at what the list pays, unless its monitoring gives them), other income, saved
    /// forecasts (for the movement) and savings to track.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// The year's budget, £ (in place of the scenario's).
    #[arg(long, value_name = "GBP")]
    pub budget: Option<f64>,
    /// Spend to date as the ledger says, £ (default: worked out from the list).
    #[arg(long, value_name = "GBP")]
    pub spend_to_date: Option<f64>,
    /// New placements expected a month to 31 March (in place of the scenario's).
    #[arg(long, value_name = "N", requires = "new_weekly_cost")]
    pub new_per_month: Option<f64>,
    /// £ a week each new placement costs (with --new-per-month).
    #[arg(long, value_name = "GBP", requires = "new_per_month")]
    pub new_weekly_cost: Option<f64>,
    /// Other income for the year, £ (e.g. the Home Office grant for UASC; in place of the
    /// scenario's).
    #[arg(long, value_name = "GBP")]
    pub other_income: Option<f64>,
    /// Save this forecast's totals in the scenario file (--scenario), for next month's movement.
    #[arg(long, requires = "scenario")]
    pub save: bool,
    /// Write a scenario started from the list (opening children and prices by type) to FILE,
    /// from --scenario (or the blank council's assumptions).
    #[arg(long, value_name = "FILE")]
    pub start_scenario: Option<PathBuf>,
    /// Print the forecast as JSON.
    #[arg(long)]
    pub json: bool,
}

/// A scenario file and `--set` overrides: what `run`, `export`, `seek` and `brief` read.
#[derive(Args, Debug, Clone)]
pub struct ScenarioArgs {
    /// The scenario file (.carelevers or .ron).
    pub file: PathBuf,
    /// Override a field by its path in the file, e.g. levers.early_help.value=3000000.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// Monte Carlo draws and their seed, for `run` and `backtest`.
#[derive(Args, Debug, Clone)]
pub struct DrawArgs {
    /// Monte Carlo draws, from 1 to 100,000 (e.g. 1000): `run` adds their percentiles to the
    /// JSON; `backtest` draws its bands (default 1,000; 500 a council for all councils).
    #[arg(long, value_name = "N")]
    pub draws: Option<usize>,
    /// Seed for the draws; the same seed gives the same percentiles.
    #[arg(long, default_value_t = crate::model::monte_carlo::DEFAULT_SEED)]
    pub seed: u64,
}

/// The most draws a command will make.
pub const MAX_DRAWS: usize = 100_000;

impl DrawArgs {
    /// The draws asked for, or why they are refused (none is fine: the command's default).
    pub fn checked(&self) -> Result<Option<usize>, String> {
        match self.draws {
            Some(n) if n == 0 || n > MAX_DRAWS => {
                Err("--draws must be from 1 to 100,000".to_string())
            }
            draws => Ok(draws),
        }
    }
}

/// `run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    #[command(flatten)]
    pub draws: DrawArgs,
}

/// `export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Write the monthly table here, and the financial-year table beside it as NAME_years.csv.
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Write an Excel workbook here: monthly, financial years and assumptions sheets.
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
}

/// `seek`.
#[derive(Args, Debug)]
pub struct SeekArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// The lever, e.g. front_door or levers.front_door.value.
    #[arg(long, value_name = "PATH")]
    pub lever: String,
    /// The goal: looked_after=770@2017-03 or overspend=0@2016-17.
    #[arg(long, value_name = "GOAL")]
    pub target: String,
}

/// `backtest`.
#[derive(Args, Debug)]
pub struct BacktestArgs {
    /// The scenario file (.ron), with counted children in care under `actuals`.
    #[arg(required_unless_present = "all_councils")]
    pub file: Option<PathBuf>,
    /// Forecast every English council from its own published figures instead.
    #[arg(long, conflicts_with = "file")]
    pub all_councils: bool,
    /// The count to start from: YYYY-MM for a file (default: the latest count before the
    /// scenario starts); the 31 March YEAR (or several, comma-separated) for all councils.
    #[arg(long, value_name = "YYYY-MM or YEAR")]
    pub from: Option<String>,
    /// Years ahead to compare, for all councils.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub years: i32,
    /// Output format: JSON (points and summary) or CSV (one row a point).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    #[command(flatten)]
    pub draws: DrawArgs,
    /// Override a field by its path in the file, as for `run`.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// For all councils: count unaccompanied asylum-seeking children with the others, as
    /// before they were counted apart (to measure what counting them apart changes).
    #[arg(long, requires = "all_councils")]
    pub uasc_mixed: bool,
    /// For all councils: the money backtest instead (first year's gross spend against the
    /// council's section 251 outturn, the two-year growth, and the placement mix three years
    /// on, each beside naive forecasts).
    #[arg(long, requires = "all_councils")]
    pub money: bool,
}

/// `brief`.
#[derive(Args, Debug)]
pub struct BriefArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Up to two other scenario files offered as options beside it.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub compare: Vec<PathBuf>,
    /// Where to write it: OUT.pdf or OUT.docx (the ending chooses the format).
    #[arg(long, value_name = "OUT.pdf|OUT.docx")]
    pub out: PathBuf,
    /// Monte Carlo draws for the uncertainty (0 for none).
    #[arg(long, value_name = "N", default_value_t = crate::model::monte_carlo::DEFAULT_DRAWS)]
    pub draws: usize,
    /// Seed for the draws.
    #[arg(long, default_value_t = crate::model::monte_carlo::DEFAULT_SEED)]
    pub seed: u64,
}

/// `councils`.
#[derive(Args, Debug)]
pub struct CouncilsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
}

/// `neighbours`.
#[derive(Args, Debug)]
pub struct NeighboursArgs {
    /// The council: a name (e.g. Norfolk) or a DfE code (e.g. 926).
    pub council: String,
    /// The 31 March year for the sentence on the gap (default: the latest published).
    #[arg(long, value_name = "YEAR")]
    pub at: Option<i32>,
    /// Output format: CSV (one row a measure and year; the gap in words on stderr) or JSON.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
}

/// `new`.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// The council: a name (e.g. Norfolk) or a DfE code (e.g. 926).
    #[arg(long, value_name = "NAME_OR_CODE")]
    pub council: String,
    /// The 31 March year to start from (default: the latest published).
    #[arg(long, value_name = "YEAR")]
    pub at: Option<i32>,
    /// Where to write the scenario (.ron).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// `import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The files or folders, in any order.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The month at whose end the opening children are counted, e.g. 2019-03 (default: the
    /// last month the data cover). The scenario starts the month after.
    #[arg(long, value_name = "YYYY-MM")]
    pub at: Option<String>,
    /// Months up to --at over which entries, exits and moves are measured.
    #[arg(long, value_name = "N", default_value_t = 36)]
    pub reference_months: u32,
    /// Take unit costs and the budget from this council's published figures (a name or a
    /// DfE code) instead of England's defaults.
    #[arg(long, value_name = "NAME_OR_CODE")]
    pub council: Option<String>,
    /// Where to write the scenario (.carelevers or .ron).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print the import summary as JSON on stdout (otherwise it goes to stderr as text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub summary: Option<SummaryFormat>,
}

/// `evidence`.
#[derive(Args, Debug)]
pub struct EvidenceArgs {
    /// A scenario file (.ron) to check; none lists the library.
    pub file: Option<PathBuf>,
    /// Override a field by its path in the file, as for `run`.
    #[arg(long = "set", value_name = "PATH=VALUE", requires = "file")]
    pub set: Vec<String>,
    /// Also write the evidence-based version of the scenario here: each lever that claims
    /// more than the evidence supports set to the library's reference programme.
    #[arg(long, value_name = "FILE", requires = "file")]
    pub evidence_based: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The scenario file (.carelevers or .ron).
    pub file: PathBuf,
}

/// How `import` prints its summary.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    /// The summary as JSON.
    Json,
}

/// Output formats for `run`, `backtest`, `councils` and `neighbours`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// As JSON.
    Json,
    /// As CSV.
    Csv,
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
        assert!(matches!(cli.command, Some(Command::Check(_))));
        assert!(cli.files.is_empty());
        let none = Cli::try_parse_from(["care-levers"]).expect("nothing parses");
        assert!(none.command.is_none() && none.files.is_empty());
    }

    #[test]
    fn shared_options_parse_in_every_command_that_takes_them() {
        let cli = Cli::try_parse_from([
            "care-levers",
            "run",
            "a.ron",
            "--set",
            "x=1",
            "--draws",
            "10",
            "--seed",
            "3",
        ])
        .expect("run parses");
        let Some(Command::Run(args)) = cli.command else {
            panic!("not run");
        };
        assert_eq!(args.scenario.set, vec!["x=1".to_string()]);
        assert_eq!(args.draws.checked(), Ok(Some(10)));
        assert_eq!(args.draws.seed, 3);
        let zero = DrawArgs {
            draws: Some(0),
            seed: 1,
        };
        assert!(zero.checked().is_err());
    }
}
