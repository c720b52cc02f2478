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
    /// A folder (with the folders inside it) or a zip held no CSV file.
    #[error("{0}: no .csv files in it or in the folders inside it")]
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
    /// More CSV text than an import reads.
    #[error(
        "{what}: {megabytes} MB of CSV text, more than the {limit} MB Care Levers reads in one import (a council's whole return is a few tens of MB); nothing was read"
    )]
    TooLarge {
        /// The file, zip or files.
        what: String,
        /// Their size unzipped, MB.
        megabytes: u64,
        /// [`MAX_INPUT_BYTES`] in MB.
        limit: u64,
    },
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

/// How deep folders inside the folders given are searched: a return kept as one folder per
/// collection year inside a council's folder is two levels down.
const MAX_FOLDER_DEPTH: usize = 4;

/// The most CSV text an import reads from all the files given together, unzipped: 256 MB. A
/// council's whole return (header, episodes and UASC files for twenty years) is a few tens of MB;
/// past this a file is refused before it is read, so that no file (a zip of repeated rows above
/// all) can make the import hold gigabytes or run for minutes.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Bytes read from the start of each file to know what it holds before reading it all.
const PEEK_BYTES: u64 = 64 * 1024;

/// Where a CSV file found among the paths given lies.
enum Place {
    /// A file on disk.
    File(PathBuf),
    /// An entry of a zip file, by its index.
    Zip(PathBuf, usize),
}

/// A CSV file found, not yet read: its name in messages, where it lies, its size unzipped (as
/// the file system or the zip says it) and what its first line says it holds.
struct Found {
    name: String,
    place: Place,
    size: u64,
    kind: read::FileKind,
}

/// Expands folders (with the folders inside them, as councils keep one per collection year) and
/// zip files into the CSV files inside them, sorted by name; other files are skipped. Each file
/// is named by its path from the folder or zip given, e.g. `returns/2018/header.csv`, so that
/// years' files with the same name stay apart in the summary.
///
/// Before reading any file whole, it looks at each one's size and first line: files that are
/// not SSDA903 tables, a set with no header or no episodes file, or more than
/// [`MAX_INPUT_BYTES`] in all are refused in words, within a moment, whatever their size.
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<InputFile>, ImportError> {
    let mut found = Vec::new();
    for path in paths {
        let io = |source| ImportError::Io {
            path: path.display().to_string(),
            source,
        };
        if path.is_dir() {
            let mut inside = Vec::new();
            csv_files_under(path, 0, &mut inside).map_err(io)?;
            let mut zips = Vec::new();
            zip_files_under(path, 0, &mut zips).map_err(io)?;
            inside.sort();
            zips.sort();
            if inside.is_empty() && zips.is_empty() {
                return Err(ImportError::EmptyFolder(path.display().to_string()));
            }
            let root = path.parent().unwrap_or(path);
            for file in inside {
                let name = file
                    .strip_prefix(root)
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                found.push(find_file(&file, name)?);
            }
            for zip in zips {
                found.extend(find_in_zip(&zip)?);
            }
        } else if is_zip(path) {
            found.extend(find_in_zip(path)?);
        } else {
            found.push(find_file(path, path.display().to_string())?);
        }
    }
    let total: u64 = found.iter().map(|f| f.size).sum();
    if total > MAX_INPUT_BYTES {
        return Err(too_large(&found, total));
    }
    let has = |kind| found.iter().any(|f| f.kind == kind);
    if !has(read::FileKind::Episodes) {
        return Err(ImportError::NoEpisodes);
    }
    if !has(read::FileKind::Header) {
        return Err(ImportError::NoHeader);
    }
    // Only now is each file read whole, each no further than what is left of the limit (a zip
    // may say an entry is smaller than it is).
    let mut left = MAX_INPUT_BYTES;
    let mut files = Vec::with_capacity(found.len());
    let mut archives: BTreeMap<PathBuf, zip::ZipArchive<std::fs::File>> = BTreeMap::new();
    for file in &found {
        let bytes = match &file.place {
            Place::File(path) => {
                let opened = std::fs::File::open(path).map_err(|source| ImportError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                read_at_most(opened, left, path)?
            }
            Place::Zip(path, index) => {
                let archive = match archives.entry(path.clone()) {
                    std::collections::btree_map::Entry::Occupied(open) => open.into_mut(),
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(open_zip(path)?)
                    }
                };
                let entry = archive.by_index(*index).map_err(|e| not_a_zip(path, e))?;
                read_at_most(entry, left, path)?
            }
        };
        let Some(rest) = left.checked_sub(bytes.len() as u64) else {
            return Err(too_large(&found, MAX_INPUT_BYTES + 1));
        };
        left = rest;
        files.push(InputFile {
            name: file.name.clone(),
            bytes,
        });
    }
    Ok(files)
}

/// Reads `reader` to its end, refusing past `limit` bytes.
fn read_at_most(
    reader: impl std::io::Read,
    limit: u64,
    path: &Path,
) -> Result<Vec<u8>, ImportError> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(reader, limit + 1), &mut bytes).map_err(
        |source| ImportError::Io {
            path: path.display().to_string(),
            source,
        },
    )?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            what: path.display().to_string(),
            megabytes: (bytes.len() as u64).div_ceil(1024 * 1024),
            limit: MAX_INPUT_BYTES / 1024 / 1024,
        });
    }
    Ok(bytes)
}

/// The refusal for files found to hold `total` bytes.
fn too_large(found: &[Found], total: u64) -> ImportError {
    let what = match found {
        [one] => one.name.clone(),
        _ => format!("the {} files given", found.len()),
    };
    ImportError::TooLarge {
        what,
        megabytes: total.div_ceil(1024 * 1024),
        limit: MAX_INPUT_BYTES / 1024 / 1024,
    }
}

/// A file on disk: its size and what its first line says it holds.
fn find_file(path: &Path, name: String) -> Result<Found, ImportError> {
    let io = |source| ImportError::Io {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let mut start = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, PEEK_BYTES), &mut start)
        .map_err(io)?;
    let kind = read::kind_from_start(&name, &start)?;
    Ok(Found {
        name,
        place: Place::File(path.to_path_buf()),
        size,
        kind,
    })
}

fn open_zip(path: &Path) -> Result<zip::ZipArchive<std::fs::File>, ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    zip::ZipArchive::new(file).map_err(|e| not_a_zip(path, e))
}

fn not_a_zip(path: &Path, error: zip::result::ZipError) -> ImportError {
    ImportError::Io {
        path: path.display().to_string(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not a readable zip file ({error})"),
        ),
    }
}

/// The CSV files inside a zip (in any folder within it), named `archive.zip/folder/file.csv`:
/// their sizes as the zip gives them and what their first lines say they hold.
fn find_in_zip(path: &Path) -> Result<Vec<Found>, ImportError> {
    let mut archive = open_zip(path)?;
    let zip_name = path.file_name().map_or(path.display().to_string(), |n| {
        n.to_string_lossy().into_owned()
    });
    let mut found = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|e| not_a_zip(path, e))?;
        let Some(inner) = entry.enclosed_name() else {
            continue;
        };
        if !entry.is_file() || !has_extension(&inner, "csv") {
            continue;
        }
        let name = format!("{zip_name}/{}", inner.display());
        let size = entry.size();
        let mut start = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(entry, PEEK_BYTES), &mut start)
            .map_err(|source| ImportError::Io {
                path: path.display().to_string(),
                source,
            })?;
        let kind = read::kind_from_start(&name, &start)?;
        found.push(Found {
            name,
            place: Place::Zip(path.to_path_buf(), index),
            size,
            kind,
        });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    if found.is_empty() {
        return Err(ImportError::EmptyFolder(path.display().to_string()));
    }
    Ok(found)
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

fn is_zip(path: &Path) -> bool {
    path.is_file() && has_extension(path, "zip")
}

/// The CSV files in `folder` and the folders inside it, to [`MAX_FOLDER_DEPTH`].
fn csv_files_under(folder: &Path, depth: usize, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() && depth < MAX_FOLDER_DEPTH {
            csv_files_under(&path, depth + 1, found)?;
        } else if path.is_file() && has_extension(&path, "csv") {
            found.push(path);
        }
    }
    Ok(())
}

/// The zip files in `folder` and the folders inside it.
fn zip_files_under(folder: &Path, depth: usize, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() && depth < MAX_FOLDER_DEPTH {
            zip_files_under(&path, depth + 1, found)?;
        } else if is_zip(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// A file's name as the summary shows it: without the folders above the one given, so that
/// `2018/header.csv` and `2019/header.csv` stay apart.
fn short_name(name: &str) -> String {
    let path = Path::new(name);
    if path.is_absolute() {
        return path
            .file_name()
            .map_or(name.to_string(), |n| n.to_string_lossy().into_owned());
    }
    name.to_string()
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
                "{} children in care at {}{}; {} entered care and {} left ({} turning 18) between {} and {}.",
                m.children_at_start,
                m.at,
                if m.uasc_at_start > 0 {
                    format!(
                        ", {} of them unaccompanied asylum-seeking children (UASC)",
                        m.uasc_at_start
                    )
                } else {
                    String::new()
                },
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
        if m.uasc_at_start > 0 || m.uasc_arrivals > 0 {
            lines.push(format!(
                "UASC are counted apart (named in the UASC table): {} arrived and {} left before 18 between {} and {}, besides the entries and leavers above.",
                m.uasc_arrivals, m.uasc_left_before_18, m.reference.0, m.reference.1
            ));
        }
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
    // What each file holds, from its first line, before any is read whole.
    let mut kinds = Vec::with_capacity(files.len());
    for file in files {
        let start = &file.bytes[..file.bytes.len().min(PEEK_BYTES as usize)];
        kinds.push(read::kind_from_start(&file.name, start)?);
    }
    if !kinds.contains(&FileKind::Episodes) {
        return Err(ImportError::NoEpisodes);
    }
    if !kinds.contains(&FileKind::Header) {
        return Err(ImportError::NoHeader);
    }
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
    let mut history = episodes::clean(records.births, records.episodes, &mut findings);
    history.uasc = records.uasc_information.then_some(records.uasc);
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
