//! Reading and writing scenario files (RON).
//!
//! Loading never panics: a syntax error names the file, line and column; a value out of range
//! names the field, the value and the allowed range; unknown fields are reported as warnings,
//! not silently dropped and not refused (a newer app may have written them). Saving writes a
//! temporary file beside the target and renames it, so a failed save never damages the
//! existing file.

use crate::model::{FieldError, Scenario};
use std::fs;
use std::path::{Path, PathBuf};

/// The Norfolk 2014 "do nothing" scenario, built into the binary so the app starts anywhere.
pub const NORFOLK_2014_DO_NOTHING: &str =
    include_str!("../../saved_scenarios/norfolk_2014_do_nothing.ron");

/// Blank defaults for a new scenario: a council of about 500 children with England averages.
pub const BLANK_COUNCIL: &str = include_str!("../../assets/blank_council.ron");

/// Files larger than this are refused before parsing (a scenario is a few kB).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A scenario read from a file, with anything worth telling the user.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedScenario {
    /// The scenario, valid.
    pub scenario: Scenario,
    /// Fields in the file that this version does not know, e.g. "levers.early_help.colour".
    pub unknown_fields: Vec<String>,
    /// The file format version the file was written in; older versions are migrated on load
    /// and saved in [`crate::model::CURRENT_VERSION`].
    pub read_as_version: u32,
}

impl LoadedScenario {
    /// One readable line per warning.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings: Vec<String> = self
            .unknown_fields
            .iter()
            .map(|field| format!("unknown field `{field}` was ignored"))
            .collect();
        if self.read_as_version < crate::model::CURRENT_VERSION {
            warnings.push(format!(
                "the file was written by an older Care Levers (format {}); it projects as before, and saving it writes format {}, which that older version cannot open",
                self.read_as_version,
                crate::model::CURRENT_VERSION
            ));
        }
        warnings
    }
}

/// Why a scenario file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioFileError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a text file.
    #[error("{path} is not a scenario file: {reason}")]
    NotText {
        /// The file.
        path: String,
        /// Why not.
        reason: String,
    },
    /// The text is not valid RON for a scenario.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file reads, but values are outside their allowed ranges.
    #[error("{path}: {}", format_field_errors(.errors))]
    Invalid {
        /// The file.
        path: String,
        /// Every field that is not allowed.
        errors: Vec<FieldError>,
    },
    /// The file could not be written.
    #[error("cannot save to {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A save did not complete; says which version of the file is on disk.
    #[error(transparent)]
    Save(#[from] crate::io::durable::SaveError),
    /// The scenario could not be turned into text (should not happen for a valid scenario).
    #[error("cannot write the scenario as text: {message}")]
    Serialize {
        /// What went wrong.
        message: String,
    },
}

fn format_field_errors(errors: &[FieldError]) -> String {
    match errors {
        [one] => one.to_string(),
        many => {
            let mut text = format!("{} values are not allowed:", many.len());
            for error in many {
                text.push_str("\n  - ");
                text.push_str(&error.to_string());
            }
            text
        }
    }
}

/// What a scenario file held when it was opened or last saved: a SHA-256 of its bytes, to tell
/// whether someone changed it since (a modification time alone misses a copy made within the
/// same second, and changes with no edit when a sync tool touches the file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskVersion {
    sha256: [u8; 32],
}

impl DiskVersion {
    /// The version of these bytes.
    pub(crate) fn of_bytes(bytes: &[u8]) -> DiskVersion {
        use sha2::Digest;
        DiskVersion {
            sha256: sha2::Sha256::digest(bytes).into(),
        }
    }

    /// Its SHA-256 in hex, as `sha256sum` prints it.
    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The version on disk now: none if there is no file (or it cannot be read, which the save
    /// that follows will report).
    pub fn on_disk(path: &Path) -> Option<DiskVersion> {
        let metadata = fs::metadata(path).ok()?;
        if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
            // Too big to be a scenario: certainly not what was saved.
            return metadata
                .is_file()
                .then_some(DiskVersion { sha256: [0; 32] });
        }
        fs::read(path)
            .ok()
            .map(|bytes| DiskVersion::of_bytes(&bytes))
    }
}

/// Reads and checks a scenario file.
pub fn load(path: &Path) -> Result<LoadedScenario, ScenarioFileError> {
    load_with_version(path).map(|(loaded, _)| loaded)
}

/// Reads and checks a scenario file, with the version read (see [`DiskVersion`]).
pub fn load_with_version(path: &Path) -> Result<(LoadedScenario, DiskVersion), ScenarioFileError> {
    let shown = path.display().to_string();
    let read_error = |source| ScenarioFileError::Read {
        path: shown.clone(),
        source,
    };
    let metadata = fs::metadata(path).map_err(read_error)?;
    if metadata.is_dir() {
        return Err(ScenarioFileError::NotText {
            path: shown,
            reason: "it is a folder".into(),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ScenarioFileError::NotText {
            path: shown,
            reason: format!(
                "it is {} bytes; scenario files are at most {MAX_FILE_BYTES}",
                metadata.len()
            ),
        });
    }
    let bytes = fs::read(path).map_err(read_error)?;
    let version = DiskVersion::of_bytes(&bytes);
    parse_bytes(&bytes, &shown).map(|loaded| (loaded, version))
}

/// Checks raw bytes are text, then parses them. `source_name` names the file in messages.
pub fn parse_bytes(bytes: &[u8], source_name: &str) -> Result<LoadedScenario, ScenarioFileError> {
    if bytes.contains(&0) {
        return Err(ScenarioFileError::NotText {
            path: source_name.into(),
            reason: "it holds binary data (NUL bytes), not text".into(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| ScenarioFileError::NotText {
        path: source_name.into(),
        reason: format!("it is not UTF-8 text ({error})"),
    })?;
    parse(text, source_name)
}

/// Parses and checks scenario text. `source_name` names the file in messages.
pub fn parse(text: &str, source_name: &str) -> Result<LoadedScenario, ScenarioFileError> {
    if text.trim().is_empty() {
        return Err(ScenarioFileError::Syntax {
            path: source_name.into(),
            line: 1,
            column: 1,
            message: "the file is empty".into(),
        });
    }
    let syntax_error = |error: ron::error::SpannedError| ScenarioFileError::Syntax {
        path: source_name.into(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    };
    // `mode: 50.0` as well as `mode: Some(50.0)`: people write optional numbers plainly.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut deserializer =
        ron::Deserializer::from_str_with_options(text, &options).map_err(syntax_error)?;
    let mut unknown_fields = Vec::new();
    let mut track = serde_path_to_error::Track::new();
    let result: Result<Scenario, _> = {
        let mut note_unknown = |path: serde_ignored::Path<'_>| {
            unknown_fields.push(path.to_string());
        };
        let ignoring = serde_ignored::Deserializer::new(&mut deserializer, &mut note_unknown);
        serde::Deserialize::deserialize(serde_path_to_error::Deserializer::new(
            ignoring, &mut track,
        ))
    };
    let mut scenario = result.map_err(|error| {
        // Name the field as well as the position: "entries.per_year: expected float".
        let mut spanned = deserializer.span_error(error);
        let field = track.path().to_string();
        if field != "." && !field.is_empty() {
            spanned.code = ron::Error::Message(format!("{field}: {}", spanned.code));
        }
        syntax_error(spanned)
    })?;
    deserializer
        .end()
        .map_err(|error| syntax_error(deserializer.span_error(error)))?;
    let read_as_version = scenario.migrate();
    scenario
        .validate()
        .map_err(|errors| ScenarioFileError::Invalid {
            path: source_name.into(),
            errors,
        })?;
    Ok(LoadedScenario {
        scenario,
        unknown_fields,
        read_as_version,
    })
}

/// The scenario as file text, with a header comment.
pub fn to_text(scenario: &Scenario) -> Result<String, ScenarioFileError> {
    // "\n" on every platform (ron's default is "\r\n" on Windows): the same scenario is the same
    // bytes wherever it was saved, so files compare and diff alike across a council's machines.
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .struct_names(false)
        .indentor("    ".to_string());
    let body = ron::ser::to_string_pretty(scenario, config).map_err(|error| {
        ScenarioFileError::Serialize {
            message: error.to_string(),
        }
    })?;
    Ok(format!(
        "// Care Levers scenario file (format version {}).\n\
         // Percentages are in percent (25.0 = 25%), money in pounds, months as \"YYYY-MM\".\n\
         // Every field is explained, with its source, in docs/model.md.\n{body}\n",
        scenario.version
    ))
}

/// Saves a scenario: writes a temporary file beside `path`, flushes it to disk, then renames it
/// over `path`, so the old file stays whole if anything fails.
pub fn save(path: &Path, scenario: &Scenario) -> Result<(), ScenarioFileError> {
    let text = to_text(scenario)?;
    write_atomically(path, text.as_bytes())
}

/// Saves like [`save`], first keeping the file being replaced as `NAME.ron.bak` beside it.
/// Returns the version written.
pub fn save_keeping_backup(
    path: &Path,
    scenario: &Scenario,
) -> Result<DiskVersion, ScenarioFileError> {
    let text = to_text(scenario)?;
    if path.is_file() {
        let backup = backup_path(path);
        fs::copy(path, &backup).map_err(|source| ScenarioFileError::Write {
            path: backup.display().to_string(),
            source,
        })?;
    }
    write_atomically(path, text.as_bytes())?;
    Ok(DiskVersion::of_bytes(text.as_bytes()))
}

/// Where [`save_keeping_backup`] keeps the previous version: `plan.ron` → `plan.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` so that the old file or the new one is whole whatever fails (see
/// [`crate::io::durable`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ScenarioFileError> {
    Ok(crate::io::durable::write_atomically(path, bytes)?)
}

/// The built-in Norfolk 2014 "do nothing" scenario.
pub fn norfolk_2014() -> Result<Scenario, ScenarioFileError> {
    parse(
        NORFOLK_2014_DO_NOTHING,
        "norfolk_2014_do_nothing.ron (built in)",
    )
    .map(|l| l.scenario)
}

/// One of Norfolk's worked examples, built in: its file name, title and what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The shipped file's name.
    pub file_name: &'static str,
    /// Its title on the start page.
    pub title: &'static str,
    /// What it shows, in one line.
    pub shows: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// Norfolk's worked examples, in the order the story runs (seeds 000-002).
pub const EXAMPLES: [Example; 3] = [
    Example {
        file_name: "norfolk_2014_do_nothing.ron",
        title: "Norfolk 2014: doing nothing",
        shows: "1,137 children in care in April 2014: where the numbers and the spend were heading with no plan.",
        text: NORFOLK_2014_DO_NOTHING,
    },
    Example {
        file_name: "norfolk_2014_target_770.ron",
        title: "Norfolk 2014: the target of 770",
        shows: "The plan to reach 770 by March 2017, against what was counted (1,107): what it took, and what happened.",
        text: include_str!("../../saved_scenarios/norfolk_2014_target_770.ron"),
    },
    Example {
        file_name: "norfolk_2017_programme.ron",
        title: "Norfolk 2017: the £12m programme",
        shows: "Early help, a stronger front door and more foster carers from April 2017, against doing nothing.",
        text: include_str!("../../saved_scenarios/norfolk_2017_programme.ron"),
    },
];

/// A built-in example by its index in [`EXAMPLES`].
pub fn example(index: usize) -> Result<Scenario, ScenarioFileError> {
    let example = EXAMPLES.get(index).copied().unwrap_or(EXAMPLES[0]);
    parse(example.text, &format!("{} (built in)", example.file_name)).map(|l| l.scenario)
}

/// The built-in blank-defaults template (England averages, about 500 children in care).
pub fn blank_council() -> Result<Scenario, ScenarioFileError> {
    parse(BLANK_COUNCIL, "blank_council.ron (built in)").map(|l| l.scenario)
}

/// The extensions of scenario files: `.carelevers` (the one the installers register) and `.ron`
/// (the format's own, used by the shipped scenarios). Both are the same RON text.
pub const SCENARIO_EXTENSIONS: [&str; 2] = ["carelevers", "ron"];

/// Adds ".ron" when the name ends in neither scenario extension (`.carelevers` is kept).
pub fn with_ron_extension(path: PathBuf) -> PathBuf {
    let is_scenario = path.extension().is_some_and(|e| {
        SCENARIO_EXTENSIONS
            .iter()
            .any(|known| e.eq_ignore_ascii_case(known))
    });
    if is_scenario {
        path
    } else {
        with_extension(path, "ron")
    }
}

/// Adds ".EXTENSION" when the user left it off.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    let has_it = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has_it {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(extension);
        path.with_file_name(name)
    }
}
