//! The briefing as a tagged, accessible PDF (PDF/UA-1, checked by krilla's validator as it is
//! written): A4, Liberation Sans embedded, headings, paragraphs and tables in the structure tree
//! in reading order, each chart drawn as vector graphics from the same description the window
//! draws ([`crate::report::chart`]) and tagged as a figure with its alt text, page furniture
//! marked as artifacts.
//!
//! Laid out in two steps: [`layout()`] places every line, cell and chart on pages (pure, tested;
//! `layout.rs`, the pages' types in `page.rs`), then `write.rs` hands the pages and the
//! structure to krilla ([`to_pdf`]). No layout engine: a fixed grid, greedy line breaks, tables
//! that break between rows with their header repeated.

pub mod chart;
mod layout;
mod page;
pub mod text;
mod write;

pub use layout::layout;
pub use page::{
    CONTENT_WIDTH, Child, Draw, Kind, Layout, Line, MARGIN, Marked, Node, OutlineEntry,
    PAGE_HEIGHT, PAGE_WIDTH, Page, Section,
};

use crate::report::briefing::Briefing;
use text::Fonts;
pub use write::PdfError;
use write::write;

/// The briefing as a tagged PDF/UA-1 document, validated as it is written.
pub fn to_pdf(briefing: &Briefing) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::new().map_err(PdfError::Fonts)?;
    let laid_out = layout(briefing, &fonts);
    write(&laid_out)
}
