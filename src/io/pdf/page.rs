//! A laid-out briefing: pages of text and shapes, and the structure tree that tags them.

use super::text::Weight;
use crate::report::chart::Rgb;
/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margins: 2 cm.
pub const MARGIN: f32 = 56.7;
pub(super) const TOP: f32 = 56.7;
/// Where the body stops, above the page footer.
pub(super) const BOTTOM: f32 = PAGE_HEIGHT - 62.0;
/// The width text and tables may take.
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// A stroke: colour, width in points and an optional dash (on, off) in points.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Colour.
    pub colour: Rgb,
    /// Width in points.
    pub width: f32,
    /// Dash: on and off lengths in points.
    pub dash: Option<[f32; 2]>,
}

/// One thing drawn, in page coordinates (points, origin top left, y down).
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    /// A run of text whose baseline starts at (x, y).
    Text {
        /// Left end of the baseline.
        x: f32,
        /// Baseline.
        y: f32,
        /// Size in points.
        size: f32,
        /// Regular or bold.
        weight: Weight,
        /// Colour.
        colour: Rgb,
        /// The text (only characters the font has).
        text: String,
    },
    /// A polygon or polyline, filled and/or stroked.
    Shape {
        /// The corners, in order.
        points: Vec<[f32; 2]>,
        /// Whether the last point joins the first.
        closed: bool,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Outline.
        stroke: Option<Line>,
    },
}

impl Draw {
    /// A filled rectangle.
    pub fn rect(x: f32, y: f32, w: f32, h: f32, fill: Rgb) -> Draw {
        Draw::Shape {
            points: vec![[x, y], [x + w, y], [x + w, y + h], [x, y + h]],
            closed: true,
            fill: Some(fill),
            stroke: None,
        }
    }

    /// A straight line.
    pub fn line(from: [f32; 2], to: [f32; 2], line: Line) -> Draw {
        Draw::Shape {
            points: vec![from, to],
            closed: false,
            fill: None,
            stroke: Some(line),
        }
    }
}

/// What a stretch of page content is to a screen reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marked {
    /// Real content: the `usize` is its mark, placed once in the structure tree.
    Content(usize),
    /// Page furniture a screen reader skips: rules, shading, the running footer.
    Layout,
    /// The running footer.
    Footer,
    /// A table header repeated at the top of a page.
    Repeated,
}

/// A stretch of content marked one way.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// How it is marked.
    pub marked: Marked,
    /// What it draws.
    pub draws: Vec<Draw>,
}

/// A page: its sections in drawing (and reading) order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Sections in order.
    pub sections: Vec<Section>,
}

/// The structure tree's element kinds the briefing uses.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A heading of a level (1 = the title) with its text.
    Heading(u16, String),
    /// A paragraph.
    Paragraph,
    /// A table; its caption is its first child.
    Table,
    /// A table's caption or a chart's title.
    Caption,
    /// The header rows.
    TableHead,
    /// The body rows.
    TableBody,
    /// A row.
    Row,
    /// A column header cell.
    HeaderCell,
    /// A data cell.
    Cell,
    /// A chart with its alt text, on a page (index) within a rectangle (x, y, w, h).
    Figure {
        /// What the chart shows, in words.
        alt: String,
        /// The page it is on.
        page: usize,
        /// Its bounds.
        rect: [f32; 4],
    },
    /// A group (a chart with its caption).
    Division,
}

/// An element of the structure tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Its children in reading order.
    pub children: Vec<Child>,
}

/// A child of an element: another element or a mark of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Child {
    /// An element.
    Node(Node),
    /// Content, by mark.
    Mark(usize),
}

impl Node {
    pub(super) fn new(kind: Kind) -> Node {
        Node {
            kind,
            children: Vec::new(),
        }
    }

    pub(super) fn with_marks(kind: Kind, marks: Vec<usize>) -> Node {
        Node {
            kind,
            children: marks.into_iter().map(Child::Mark).collect(),
        }
    }
}

/// A heading in the document outline (bookmarks): its text, level, page and height on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// The heading's text.
    pub title: String,
    /// 1 = the title, 2 = a section.
    pub level: u16,
    /// Page index.
    pub page: usize,
    /// Top of the heading.
    pub y: f32,
}

/// The briefing placed on pages: what the PDF writer draws and tags.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The document title (metadata and first heading).
    pub title: String,
    /// The pages.
    pub pages: Vec<Page>,
    /// The structure tree's top-level elements, in reading order.
    pub structure: Vec<Node>,
    /// The outline.
    pub outline: Vec<OutlineEntry>,
    /// How many marks were handed out (each appears once in `structure`).
    pub marks: usize,
}

impl Layout {
    /// All the text on the pages in drawing order, one run per entry (for tests and checks).
    pub fn texts(&self) -> Vec<&str> {
        self.pages
            .iter()
            .flat_map(|p| &p.sections)
            .flat_map(|s| &s.draws)
            .filter_map(|d| match d {
                Draw::Text { text, .. } => Some(text.as_str()),
                Draw::Shape { .. } => None,
            })
            .collect()
    }
}
