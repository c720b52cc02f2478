//! Reading SSDA903 CSV files as councils hold them: DfE column names in any order, extra columns
//! ignored, files recognised by their columns; UTF-8 with or without a byte-order mark, UTF-16
//! (Excel's "Unicode text"), otherwise Windows-1252 (Excel's "CSV"); CRLF or LF. Every row that
//! cannot be used is counted with its file, row and column; only a file that cannot be read at
//! all is refused.

use crate::model::episodes::clean::{EpisodeRecord, Finding, FindingKind, SourceRow};
use crate::model::episodes::codes::{self, Ending, PlaceProblem};
use crate::model::episodes::date::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A file's name (as the user knows it) and its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct InputFile {
    /// The path or name shown in messages.
    pub name: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// What a file holds, recognised by its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// The header table: one row per child (CHILD, SEX, DOB, ETHNIC, ...).
    Header,
    /// The episodes table: one row per episode (CHILD, DECOM, RNE, LS, PLACE, ...).
    Episodes,
    /// The UASC table: children who were unaccompanied asylum-seeking children in the year
    /// (CHILD, SEX, DOB, DUC), counted apart from the other children.
    Uasc,
    /// Another SSDA903 table (OC2, OC3, reviews, missing, adoption...): not needed.
    OtherTable,
}

impl FileKind {
    /// What it holds, in words.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Header => "header",
            FileKind::Episodes => "episodes",
            FileKind::Uasc => "unaccompanied asylum-seeking children (UASC)",
            FileKind::OtherTable => "other table, not needed",
        }
    }
}

/// A file as read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadFile {
    /// Its name.
    pub name: String,
    /// What it holds.
    pub kind: FileKind,
    /// Data rows (not counting the header line).
    pub rows: usize,
    /// The text encoding found.
    pub encoding: &'static str,
}

/// Why files could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// The file is empty.
    #[error("{file}: the file is empty")]
    Empty {
        /// File name.
        file: String,
    },
    /// The file is not text.
    #[error("{file}: not a CSV text file (it holds binary data); export the table as CSV")]
    Binary {
        /// File name.
        file: String,
    },
    /// The first line is not a CSV header line of an SSDA903 table.
    #[error(
        "{file}: not an SSDA903 table: no CHILD column (its first line reads \"{first_line}\")"
    )]
    NotSsda903 {
        /// File name.
        file: String,
        /// The first line, cut short.
        first_line: String,
    },
    /// A column the import needs is missing.
    #[error("{file}: the {kind} file has no {column} column (columns found: {found})")]
    MissingColumn {
        /// File name.
        file: String,
        /// "header" or "episodes".
        kind: &'static str,
        /// The missing column.
        column: &'static str,
        /// The columns found.
        found: String,
    },
    /// More rows than an import reads from one file.
    #[error(
        "{file}: more than a million rows ({limit} is the most read from one file; a council's whole return is a few hundred thousand); nothing was imported"
    )]
    TooManyRows {
        /// File name.
        file: String,
        /// [`MAX_ROWS_PER_FILE`].
        limit: usize,
    },
    /// The CSV itself could not be read (e.g. an unterminated quote).
    #[error("{file}, row {row}: {message}")]
    Csv {
        /// File name.
        file: String,
        /// Row.
        row: usize,
        /// What went wrong.
        message: String,
    },
}

/// Turns bytes into text, naming the encoding found.
pub(crate) fn decode(name: &str, bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { file: name.into() });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let text = String::from_utf16_lossy(&units);
        return if text.contains('\0') {
            Err(ReadError::Binary { file: name.into() })
        } else {
            Ok((text, "UTF-16"))
        };
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary { file: name.into() });
    }
    let (bytes, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((
            text.to_string(),
            if bom { "UTF-8 with BOM" } else { "UTF-8" },
        )),
        Err(_) => Ok((
            bytes.iter().map(|&b| windows_1252(b)).collect(),
            "Windows-1252",
        )),
    }
}

/// One Windows-1252 byte as a character (0x80-0x9F are its own; the rest are Latin-1).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

const EPISODE_COLUMNS: [&str; 8] = [
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
];
const HEADER_COLUMNS: [&str; 2] = ["CHILD", "DOB"];

/// Everything read from a set of files, before cleaning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// Each child's date of birth, children sorted by their CHILD identifier.
    pub births: Vec<Date>,
    /// The CHILD identifiers, in the same order.
    pub child_ids: Vec<String>,
    /// Every usable episode row.
    pub episodes: Vec<EpisodeRecord>,
    /// For each child (same order as `births`), whether any file names them an unaccompanied
    /// asylum-seeking child (a row in a UASC table, or a UASC column of 1 in a header file).
    pub uasc: Vec<bool>,
    /// Whether the files hold UASC information at all (a UASC table or a header UASC column):
    /// without it, UASC cannot be told from the other children.
    pub uasc_information: bool,
    /// The files, in the order given.
    pub files: Vec<ReadFile>,
}

/// The most rows read from one file: 1,000,000. The largest councils' episodes over twenty years
/// are a few hundred thousand rows; past this a file is refused rather than held.
pub const MAX_ROWS_PER_FILE: usize = 1_000_000;

struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<(usize, csv::StringRecord)>,
}

fn table(name: &str, text: &str) -> Result<Table, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| ReadError::Csv {
        file: name.into(),
        row: 1,
        message: e.to_string(),
    })?;
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().trim_matches('"').to_ascii_uppercase(), i))
        .collect();
    let mut rows = Vec::new();
    // Rows as a spreadsheet numbers them, counted from the record's first byte (the csv crate's
    // own line count lags by one after CRLF line ends).
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1usize);
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv {
            file: name.into(),
            row: e.position().map_or(0, |p| p.line() as usize),
            message: e.to_string(),
        })?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
            start += 1;
        }
        if start > counted_to {
            line += bytes[counted_to..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = start;
        }
        let row = line;
        if rows.len() >= MAX_ROWS_PER_FILE {
            return Err(ReadError::TooManyRows {
                file: name.into(),
                limit: MAX_ROWS_PER_FILE,
            });
        }
        rows.push((row, record));
    }
    Ok(Table { columns, rows })
}

/// What a file holds, from its first bytes alone (its first line's columns): so that a set of
/// files lacking what an import needs is refused before the heavy work.
pub(crate) fn kind_from_start(name: &str, start: &[u8]) -> Result<FileKind, ReadError> {
    let (text, _) = decode(name, start)?;
    let first_line = text.lines().next().unwrap_or("");
    let table = table(name, first_line)?;
    kind_of(name, first_line, &table.columns)
}

/// What a table holds, from its columns.
fn kind_of(
    name: &str,
    text: &str,
    columns: &HashMap<String, usize>,
) -> Result<FileKind, ReadError> {
    let has = |c: &str| columns.contains_key(c);
    if !has("CHILD") {
        let first_line: String = text.lines().next().unwrap_or("").chars().take(80).collect();
        return Err(ReadError::NotSsda903 {
            file: name.into(),
            first_line,
        });
    }
    Ok(if has("DECOM") {
        FileKind::Episodes
    } else if !has("DUC")
        && (has("ETHNIC")
            || has("UPN")
            || has("MOTHER")
            || has("SEX") && has("DOB") && columns.len() <= 8)
    {
        FileKind::Header
    } else if has("DUC") {
        FileKind::Uasc
    } else {
        FileKind::OtherTable
    })
}

/// A flag column's "yes" as councils' extracts write it (1, Y, Yes, True).
fn is_yes(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_uppercase().as_str(),
        "1" | "Y" | "YES" | "TRUE"
    )
}

fn require(
    name: &str,
    kind: &'static str,
    columns: &HashMap<String, usize>,
    required: &[&'static str],
) -> Result<(), ReadError> {
    for column in required {
        if !columns.contains_key(*column) {
            let mut found: Vec<&String> = columns.keys().collect();
            found.sort();
            return Err(ReadError::MissingColumn {
                file: name.into(),
                kind,
                column,
                found: found
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    Ok(())
}

struct RawEpisode {
    child: String,
    start: Date,
    end: Option<Date>,
    placed: codes::Placed,
    ending: Option<Ending>,
    starts_care: bool,
    short_break: bool,
    source: SourceRow,
}

/// Where each finding of a file goes, and which file it is.
struct Notes<'a> {
    findings: &'a mut Vec<Finding>,
    file: usize,
}

impl Notes<'_> {
    /// The file's `row`.
    fn at(&self, row: usize) -> SourceRow {
        SourceRow {
            file: self.file,
            row,
        }
    }

    /// A finding at `row` (and `column`, where one is to blame).
    fn add(&mut self, kind: FindingKind, row: usize, column: Option<&'static str>, detail: String) {
        let source = self.at(row);
        self.findings.push(Finding {
            kind,
            source,
            column,
            detail,
            other: None,
        });
    }
}

/// What the files say, gathered file by file before it is put together.
#[derive(Default)]
struct Gathered {
    /// CHILD -> every date of birth given (with where).
    births: BTreeMap<String, Vec<(Date, SourceRow)>>,
    /// CHILD -> the first header row naming them.
    header_rows: BTreeMap<String, SourceRow>,
    /// Every episode as read.
    raw: Vec<RawEpisode>,
    /// CHILD identifiers named as UASC.
    uasc_children: std::collections::BTreeSet<String>,
    /// Whether any file could name UASC.
    uasc_information: bool,
    /// Recent PLACE codes already listed (each once).
    recent_codes_seen: Vec<&'static str>,
}

impl Gathered {
    /// A UASC file: every child listed was UASC at some time in the year.
    fn uasc_file(&mut self, table: &Table) {
        // Every child listed was UASC at some time in the year; DUC (the date the
        // status ceased) is usually the 18th birthday, so the child is counted apart
        // for all their time in care.
        self.uasc_information = true;
        let child_col = table.columns["CHILD"];
        for (_, record) in &table.rows {
            let child = record.get(child_col).unwrap_or("");
            if !child.is_empty() {
                self.uasc_children.insert(child.to_string());
            }
        }
    }

    /// A header file: each child's date of birth (and a UASC flag where the extract has one).
    fn header_file(
        &mut self,
        name: &str,
        table: &Table,
        notes: &mut Notes<'_>,
    ) -> Result<(), ReadError> {
        let width = table.columns.len();
        require(name, "header", &table.columns, &HEADER_COLUMNS)?;
        let (child_col, dob_col) = (table.columns["CHILD"], table.columns["DOB"]);
        // Some extracts carry a UASC flag in the header (as the XML return does).
        let uasc_col = table.columns.get("UASC").copied();
        if uasc_col.is_some() {
            self.uasc_information = true;
        }
        for (row, record) in &table.rows {
            if record.len() < width {
                notes.add(
                    FindingKind::ShortRow,
                    *row,
                    None,
                    format!("{} of {width} columns", record.len()),
                );
            }
            let child = record.get(child_col).unwrap_or("").to_string();
            if child.is_empty() {
                notes.add(
                    FindingKind::MissingValue,
                    *row,
                    Some("CHILD"),
                    String::new(),
                );
                continue;
            }
            self.header_rows
                .entry(child.clone())
                .or_insert(notes.at(*row));
            if let Some(col) = uasc_col
                && is_yes(record.get(col).unwrap_or(""))
            {
                self.uasc_children.insert(child.clone());
            }
            let dob = record.get(dob_col).unwrap_or("");
            match Date::parse(dob) {
                Some(date) => self
                    .births
                    .entry(child)
                    .or_default()
                    .push((date, notes.at(*row))),
                None if dob.is_empty() => {}
                None => notes.add(
                    FindingKind::UnreadableDate,
                    *row,
                    Some("DOB"),
                    dob.to_string(),
                ),
            }
        }
        Ok(())
    }

    /// An episodes file: each episode's dates, placement, and how it ended.
    fn episodes_file(
        &mut self,
        name: &str,
        table: &Table,
        notes: &mut Notes<'_>,
    ) -> Result<(), ReadError> {
        let width = table.columns.len();
        require(name, "episodes", &table.columns, &EPISODE_COLUMNS)?;
        let col = |name: &str| table.columns[name];
        let (child_col, decom, rne, ls, place, provider, dec, rec) = (
            col("CHILD"),
            col("DECOM"),
            col("RNE"),
            col("LS"),
            col("PLACE"),
            col("PLACE_PROVIDER"),
            col("DEC"),
            col("REC"),
        );
        for (row, record) in &table.rows {
            let row = *row;
            if record.len() < width {
                notes.add(
                    FindingKind::ShortRow,
                    row,
                    None,
                    format!("{} of {width} columns", record.len()),
                );
            }
            let get = |i: usize| record.get(i).unwrap_or("");
            let child = get(child_col);
            if child.is_empty() {
                notes.add(FindingKind::MissingValue, row, Some("CHILD"), String::new());
                continue;
            }
            let Some(start) = Date::parse(get(decom)) else {
                let (kind, detail) = if get(decom).is_empty() {
                    (FindingKind::MissingValue, String::new())
                } else {
                    (FindingKind::UnreadableDate, get(decom).to_string())
                };
                notes.add(kind, row, Some("DECOM"), detail);
                continue;
            };
            let end = match get(dec) {
                "" => None,
                text => match Date::parse(text) {
                    Some(end) => Some(end),
                    None => {
                        notes.add(
                            FindingKind::UnreadableDate,
                            row,
                            Some("DEC"),
                            text.to_string(),
                        );
                        continue;
                    }
                },
            };
            if let Some(end) = end
                && end < start
            {
                notes.add(
                    FindingKind::EndsBeforeStart,
                    row,
                    Some("DEC"),
                    format!("DECOM {start}, DEC {end}"),
                );
                continue;
            }
            let (placed, problem) = codes::placement(get(place), get(provider));
            if let Some(&code) = codes::RECENT_PLACE_CODES
                .iter()
                .find(|code| code.eq_ignore_ascii_case(get(place).trim()))
                && !self.recent_codes_seen.contains(&code)
            {
                self.recent_codes_seen.push(code);
                let read_as = match placed {
                    codes::Placed::In(placement) => placement.label().to_string(),
                    codes::Placed::AsBefore => {
                        "the placement before it (a temporary move)".to_string()
                    }
                };
                notes.add(
                    FindingKind::RecentPlaceCode,
                    row,
                    Some("PLACE"),
                    format!("{code}: read as {read_as}"),
                );
            }
            match problem {
                Some(PlaceProblem::UnknownPlace) => notes.add(
                    FindingKind::UnknownPlace,
                    row,
                    Some("PLACE"),
                    get(place).to_string(),
                ),
                Some(PlaceProblem::UnknownProvider) => notes.add(
                    FindingKind::UnknownProvider,
                    row,
                    Some("PLACE_PROVIDER"),
                    format!("{} with \"{}\"", get(place), get(provider)),
                ),
                None => {}
            }
            let ending = end.map(|_| {
                codes::ending(get(rec)).unwrap_or_else(|| {
                    notes.add(
                        FindingKind::UnknownReason,
                        row,
                        Some("REC"),
                        get(rec).to_string(),
                    );
                    Ending::Other
                })
            });
            self.raw.push(RawEpisode {
                child: child.to_string(),
                start,
                end,
                placed,
                ending,
                starts_care: codes::starts_care(get(rne)),
                short_break: codes::is_short_break(get(ls)),
                source: notes.at(row),
            });
        }
        Ok(())
    }
}

/// Reads every file: recognises each, reads its rows, and maps codes, adding a finding for
/// every row it cannot use as it stands. Fails only on a file that cannot be read at all.
pub fn read(files: &[InputFile], findings: &mut Vec<Finding>) -> Result<Records, ReadError> {
    let mut gathered = Gathered::default();
    let mut read_files = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        let (text, encoding) = decode(&file.name, &file.bytes)?;
        let table = table(&file.name, &text)?;
        let kind = kind_of(&file.name, &text, &table.columns)?;
        let mut notes = Notes {
            findings: &mut *findings,
            file: file_index,
        };
        match kind {
            FileKind::OtherTable => {}
            FileKind::Uasc => gathered.uasc_file(&table),
            FileKind::Header => gathered.header_file(&file.name, &table, &mut notes)?,
            FileKind::Episodes => gathered.episodes_file(&file.name, &table, &mut notes)?,
        }
        read_files.push(ReadFile {
            name: file.name.clone(),
            kind,
            rows: table.rows.len(),
            encoding,
        });
    }
    let Gathered {
        births,
        header_rows,
        raw,
        uasc_children,
        uasc_information,
        ..
    } = gathered;

    // One date of birth per child: the most common, then the latest.
    let mut child_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut records = Records {
        files: read_files,
        uasc_information,
        ..Records::default()
    };
    for (child, mut given) in births {
        given.sort();
        let mut best = given[0].0;
        let mut best_count = 0;
        let mut distinct = 0;
        for (i, (date, _)) in given.iter().enumerate() {
            if i == 0 || given[i - 1].0 != *date {
                distinct += 1;
                let count = given.iter().filter(|(d, _)| d == date).count();
                if count >= best_count {
                    best = *date;
                    best_count = count;
                }
            }
        }
        if distinct > 1 {
            findings.push(Finding {
                kind: FindingKind::ConflictingBirthDate,
                source: given[0].1,
                column: Some("DOB"),
                detail: format!("child {child}: {best} kept"),
                other: None,
            });
        }
        child_index.insert(child.clone(), records.births.len());
        records.births.push(best);
        records.uasc.push(uasc_children.contains(&child));
        records.child_ids.push(child);
    }
    let mut reported: BTreeMap<String, ()> = BTreeMap::new();
    for episode in raw {
        let Some(&child) = child_index.get(&episode.child) else {
            if reported.insert(episode.child.clone(), ()).is_none() {
                let (kind, source) = match header_rows.get(&episode.child) {
                    Some(header) => (FindingKind::NoBirthDate, *header),
                    None => (FindingKind::NoHeader, episode.source),
                };
                findings.push(Finding {
                    kind,
                    source,
                    column: (kind == FindingKind::NoBirthDate).then_some("DOB"),
                    detail: format!("child {}: episodes left out", episode.child),
                    other: None,
                });
            }
            continue;
        };
        records.episodes.push(EpisodeRecord {
            child,
            start: episode.start,
            end: episode.end,
            placed: episode.placed,
            ending: episode.ending,
            starts_care: episode.starts_care,
            short_break: episode.short_break,
            source: episode.source,
        });
    }
    Ok(records)
}
