//! A briefing written to a file: the one pipeline the command line and the window both call
//! ([`make`]: the scenario's hash, its projection, the draws, the words, the document), and the
//! format, which follows the file's ending.

use crate::data::councils::CouncilData;
use crate::model::evidence::Library;
use crate::model::{Scenario, monte_carlo, project};
use crate::report::briefing::{Briefing, BriefingInput, briefing};
use std::path::{Path, PathBuf};

/// The briefing formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A tagged, accessible PDF (PDF/UA-1) to circulate.
    Pdf,
    /// A Word document to paste into the council's report template.
    Docx,
}

impl Format {
    /// Both, PDF first.
    pub const ALL: [Format; 2] = [Format::Pdf, Format::Docx];

    /// The format for a file ending ("pdf", "docx"; any case), if it is one.
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The file ending, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// Its name in a file dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF (accessible, to circulate)",
            Format::Docx => "Word document (to paste into a report)",
        }
    }

    /// The briefing's bytes in this format.
    pub fn write(self, briefing: &Briefing) -> Result<Vec<u8>, String> {
        match self {
            Format::Pdf => super::pdf::to_pdf(briefing).map_err(|e| e.to_string()),
            Format::Docx => super::docx::to_docx(briefing).map_err(|e| e.to_string()),
        }
    }
}

/// What a briefing is made of, as the officer chose it.
#[derive(Clone, Debug)]
pub struct BriefingRequest {
    /// The scenario briefed.
    pub scenario: Scenario,
    /// Up to two other scenarios offered as options beside it.
    pub compared: Vec<Scenario>,
    /// The scenario's file name as the officer knows it ("plan.carelevers", "plan.carelevers
    /// with unsaved changes", or "an unsaved scenario").
    pub file_name: String,
    /// The SHA-256 of the file's bytes as read from disk (`DiskVersion::sha256_hex`), as
    /// `sha256sum` gives it; none for a scenario never saved. The one meaning of the hash in
    /// the footer, from the command line and the window alike.
    pub file_sha256: Option<String>,
    /// Monte Carlo draws for the uncertainty (0: none).
    pub draws: usize,
    /// Their seed.
    pub seed: u64,
    /// Threads for the draws (the same figures whatever the number).
    pub threads: usize,
    /// PDF or Word.
    pub format: Format,
}

/// Why a briefing was not made.
#[derive(Debug, thiserror::Error)]
pub enum BriefingError {
    /// The document could not be made.
    #[error("cannot make the briefing: {0}")]
    Document(String),
    /// The file could not be written.
    #[error("{path}: {message}")]
    Write {
        /// Where it was to go.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// The briefing's bytes for `request`, checked against `library` and set beside the council's
/// statistical neighbours from `council_data` (none leaves that section out). `progress` hears
/// each step in words with how far along it is (0 to 1).
pub fn make(
    request: &BriefingRequest,
    library: &Library,
    council_data: Option<&CouncilData>,
    mut progress: impl FnMut(&str, f32),
) -> Result<Vec<u8>, BriefingError> {
    progress("working out the uncertainty", 0.2);
    let projection = project(&request.scenario);
    let other_projections: Vec<_> = request.compared.iter().map(project).collect();
    let bands = (request.draws > 0).then(|| {
        monte_carlo(
            &request.scenario,
            request.draws,
            request.seed,
            request.threads.max(1),
        )
    });
    progress("writing the document", 0.8);
    let briefing = briefing(&BriefingInput {
        scenario: &request.scenario,
        projection: &projection,
        bands: bands.as_ref(),
        compared: request.compared.iter().zip(&other_projections).collect(),
        file_name: request.file_name.clone(),
        file_sha256: request.file_sha256.clone(),
        library,
        council_data,
    });
    request
        .format
        .write(&briefing)
        .map_err(BriefingError::Document)
}

/// [`make`], then written to `out` durably. Returns the bytes written.
pub fn make_file(
    request: &BriefingRequest,
    library: &Library,
    council_data: Option<&CouncilData>,
    out: &Path,
    progress: impl FnMut(&str, f32),
) -> Result<usize, BriefingError> {
    let bytes = make(request, library, council_data, progress)?;
    crate::io::durable::write_atomically(out, &bytes).map_err(|e| BriefingError::Write {
        path: out.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(bytes.len())
}
