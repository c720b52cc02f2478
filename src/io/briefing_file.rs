//! A briefing written to a file: the format follows the file's ending, for the command line and
//! the window alike.

use crate::report::briefing::Briefing;

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
