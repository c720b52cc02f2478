//! `care-levers import`: a council's SSDA903 return (header and episodes CSV files, one pair
//! per year or all years together) in, a fitted scenario out, with a summary of what was read
//! and every row that was changed or left out. Reading is [`read`]; the rules are the model's
//! ([`crate::model::episodes`]). [`simulate`] writes synthetic returns for tests and benchmarks.

pub mod read;
pub mod simulate;

use crate::model::episodes::{
    self, EpisodeFitError, EpisodeFitOptions, Finding, FindingKind, Measured,
};
use crate::model::{Month, Scenario};
pub use read::{FileKind, InputFile, ReadError, ReadFile};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the unit costs and budget come from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum MoneyFrom {
    /// England's defaults (the blank council, `assets/blank_council.ron`).
    #[default]
    England,
    /// A council's published figures (name or DfE code), as `care-levers new --council`.
    Council(String),
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A path could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A folder held no CSV file.
    #[error("{0}: no .csv files in this folder")]
    EmptyFolder(String),
    /// A file could not be read as an SSDA903 table.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// No episodes file among those given.
    #[error("no episodes file among the files given (one with CHILD, DECOM, PLACE... columns)")]
    NoEpisodes,
    /// No header file among those given.
    #[error(
        "no header file among the files given (one with CHILD, SEX, DOB... columns): the children's ages are needed"
    )]
    NoHeader,
    /// Every episode was left out.
    #[error("no usable episode: every row was left out (see the warnings)")]
    NoUsableEpisodes,
    /// The fit failed.
    #[error(transparent)]
    Fit(#[from] EpisodeFitError),
    /// The template (England's defaults or the council's figures) could not be made.
    #[error("cannot start from {what}: {message}")]
    Template {
        /// What was asked for.
        what: String,
        /// Why not.
        message: String,
    },
}

/// Expands folders into the CSV files inside them (sorted by name; other files are skipped)
/// and reads every file.
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<InputFile>, ImportError> {
    let mut files = Vec::new();
    for path in paths {
        let io = |source| ImportError::Io {
            path: path.display().to_string(),
            source,
        };
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(io)?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
                })
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(ImportError::EmptyFolder(path.display().to_string()));
            }
            for file in inside {
                files.push(read_file(&file)?);
            }
        } else {
            files.push(read_file(path)?);
        }
    }
    Ok(files)
}

fn read_file(path: &Path) -> Result<InputFile, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(InputFile {
        name: path.display().to_string(),
        bytes,
    })
}

/// A file's name without its folder, as the summary shows it.
fn short_name(name: &str) -> String {
    Path::new(name)
        .file_name()
        .map_or(name.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Findings of one kind: how many, and the first few with file, row and column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingGroup {
    /// The kind.
    pub kind: FindingKind,
    /// What it means.
    pub meaning: &'static str,
    /// How many rows.
    pub count: usize,
    /// Routine in any multi-year return (not a warning).
    pub routine: bool,
    /// The first few, e.g. "episodes_2016.csv, row 12, DEC: 31/02/2016".
    pub examples: Vec<String>,
}

/// What an import read and did: files, period, counts and every warning.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportSummary {
    /// The files read.
    pub files: Vec<ReadFile>,
    /// First and last day the data cover.
    pub covered: (String, String),
    /// Children with at least one episode kept.
    pub children: usize,
    /// Episode rows read (before cleaning).
    pub episode_rows: usize,
    /// Episodes after cleaning.
    pub episodes: usize,
    /// What the fit measured.
    pub measured: Measured,
    /// Every finding, grouped by kind, warnings first.
    pub findings: Vec<FindingGroup>,
    /// What was left as England's or the council's figures, and other assumptions.
    pub notes: Vec<String>,
}

impl ImportSummary {
    /// The warnings (findings that are not routine).
    pub fn warnings(&self) -> impl Iterator<Item = &FindingGroup> {
        self.findings.iter().filter(|g| !g.routine)
    }

    /// The summary as lines of text, as `import` prints it and the window shows it.
    pub fn lines(&self) -> Vec<String> {
        let m = &self.measured;
        let mut lines = vec![
            format!(
                "Read {} file(s): {}.",
                self.files.len(),
                self.files
                    .iter()
                    .map(|f| format!(
                        "{} ({}, {} rows, {})",
                        short_name(&f.name),
                        f.kind.label(),
                        f.rows,
                        f.encoding
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            format!(
                "The data cover {} to {}: {} children, {} episode rows, {} episodes after cleaning.",
                self.covered.0, self.covered.1, self.children, self.episode_rows, self.episodes
            ),
            format!(
                "{} children in care at {}; {} entered care and {} left ({} turning 18) between {} and {}.",
                m.children_at_start,
                m.at,
                m.entries,
                m.exits.values().sum::<u64>(),
                m.exits
                    .get(&episodes::Ending::Turning18)
                    .copied()
                    .unwrap_or(0),
                m.reference.0,
                m.reference.1
            ),
        ];
        let warnings: usize = self.warnings().map(|g| g.count).sum();
        lines.push(if warnings == 0 {
            "No warnings.".into()
        } else {
            format!("{warnings} warning(s):")
        });
        for group in &self.findings {
            let prefix = if group.routine { "Note" } else { "Warning" };
            lines.push(format!("{prefix}: {} × {}", group.count, group.meaning));
            for example in &group.examples {
                lines.push(format!("    {example}"));
            }
        }
        for note in &self.notes {
            lines.push(format!("Note: {note}"));
        }
        lines
    }
}

/// An imported scenario and its summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The fitted scenario.
    pub scenario: Scenario,
    /// What was read and done.
    pub summary: ImportSummary,
}

/// Examples kept per kind of finding.
const EXAMPLES: usize = 5;

fn group_findings(findings: &[Finding], files: &[InputFile]) -> Vec<FindingGroup> {
    let mut groups: BTreeMap<(bool, FindingKind), Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        groups
            .entry((finding.kind.is_routine(), finding.kind))
            .or_default()
            .push(finding);
    }
    groups
        .into_iter()
        .map(|((routine, kind), mut list)| {
            list.sort_by_key(|f| f.source);
            FindingGroup {
                kind,
                meaning: kind.describe(),
                count: list.len(),
                routine,
                examples: list
                    .iter()
                    .take(EXAMPLES)
                    .map(|f| {
                        let file = files
                            .get(f.source.file)
                            .map_or("?".to_string(), |file| short_name(&file.name));
                        let column = f.column.map(|c| format!(", {c}")).unwrap_or_default();
                        let detail = if f.detail.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", f.detail)
                        };
                        let other = f
                            .other
                            .map(|o| {
                                let name = files
                                    .get(o.file)
                                    .map_or("?".to_string(), |file| short_name(&file.name));
                                format!(" ({name}, row {})", o.row)
                            })
                            .unwrap_or_default();
                        format!("{file}, row {}{column}{detail}{other}", f.source.row)
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Options for [`import`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOptions {
    /// When to count the opening children, and the reference period.
    pub fit: EpisodeFitOptions,
    /// Where the unit costs and budget come from.
    pub money: MoneyFrom,
}

/// Reads, cleans and fits: the whole import (docs/ssda903.md).
pub fn import(files: &[InputFile], options: &ImportOptions) -> Result<Import, ImportError> {
    let mut findings = Vec::new();
    let records = read::read(files, &mut findings)?;
    if !records.files.iter().any(|f| f.kind == FileKind::Episodes) {
        return Err(ImportError::NoEpisodes);
    }
    if !records.files.iter().any(|f| f.kind == FileKind::Header) {
        return Err(ImportError::NoHeader);
    }
    let episode_rows: usize = records
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Episodes)
        .map(|f| f.rows)
        .sum();
    let history = episodes::clean(records.births, records.episodes, &mut findings);
    if history.episodes.is_empty() {
        return Err(ImportError::NoUsableEpisodes);
    }
    let covered_last_year = history.covered.1.ymd().0;
    let template = match &options.money {
        MoneyFrom::England => {
            crate::io::scenario_file::blank_council().map_err(|e| ImportError::Template {
                what: "England's defaults".into(),
                message: e.to_string(),
            })?
        }
        MoneyFrom::Council(name) => {
            // The last 31 March count on or before the end of `at`: nothing later may leak in.
            let at_year = options.fit.at.map_or(covered_last_year, |at: Month| {
                if at.month >= 3 { at.year } else { at.year - 1 }
            });
            // The council's published year nearest before the start, fitted once.
            crate::data::councils::CouncilData::shipped()
                .and_then(|data| data.find(name).map(|council| council.last_year))
                .map_err(|e| e.to_string())
                .and_then(|last| {
                    let year = last.map_or(at_year, |last| at_year.min(last));
                    crate::io::councils::scenario_for_council(name, Some(year))
                        .map_err(|e| e.to_string())
                })
                .map_err(|message| ImportError::Template {
                    what: format!("the published figures for {name}"),
                    message,
                })?
                .scenario
        }
    };
    let source_name = files
        .iter()
        .zip(&records.files)
        .filter(|(_, read)| read.kind != FileKind::OtherTable)
        .map(|(file, _)| short_name(&file.name))
        .collect::<Vec<_>>()
        .join(", ");
    let source_name = if source_name.chars().count() > 120 {
        format!("{} files", records.files.len())
    } else {
        source_name
    };
    let fit = episodes::fit_episodes(&history, &template, &source_name, options.fit)?;
    let (mut scenario, capped) = crate::io::overrides::within_limits(fit.scenario);
    let mut notes = fit.notes;
    notes.extend(capped);
    match &options.money {
        MoneyFrom::England => notes.push(
            "Unit costs, prices, budget, foster carers' capacity, lever costs and effects are England's defaults (assets/blank_council.ron): replace them with the council's own."
                .into(),
        ),
        MoneyFrom::Council(name) => notes.push(format!(
            "Unit costs, prices and budget from the published figures for {name} (as `care-levers new --council`); lever costs and effects are England's defaults."
        )),
    }
    scenario.name = format!("Imported from SSDA903: from {}", fit.measured.at);
    scenario.author = String::new();
    let warnings = findings.iter().filter(|f| !f.kind.is_routine()).count();
    scenario.description = format!(
        "Made by Care Levers from the council's SSDA903 return ({source_name}): {} children in care at {}, entries, exits and first placements over {} to {}. {warnings} row(s) were changed or left out (the import summary lists them).\n\nFilled in or assumed:\n- {}",
        fit.measured.children_at_start,
        fit.measured.at,
        fit.measured.reference.0,
        fit.measured.reference.1,
        notes.join("\n- ")
    );
    let children = {
        let mut seen: Vec<usize> = history.episodes.iter().map(|e| e.child).collect();
        seen.dedup();
        seen.len()
    };
    let summary = ImportSummary {
        files: records.files,
        covered: (history.covered.0.to_string(), history.covered.1.to_string()),
        children,
        episode_rows,
        episodes: history.episodes.len(),
        measured: fit.measured,
        findings: group_findings(&findings, files),
        notes,
    };
    Ok(Import { scenario, summary })
}
