//! Page layout: places every line, cell and chart of a briefing on A4 pages (pure).

use super::chart;
use super::page::*;
use super::text::{Fonts, Weight};
use crate::report::briefing::{Block, Briefing};
use crate::report::chart::{DataTable, Rgb};

const BODY_SIZE: f32 = 11.0;
const BODY_LEADING: f32 = 14.5;
const TABLE_SIZE: f32 = 9.0;
const TABLE_LEADING: f32 = 11.5;
const CELL_PAD: f32 = 3.0;
/// The height of a chart's drawing (its caption and legend come on top).
const CHART_HEIGHT: f32 = 200.0;

const TEXT: Rgb = [0x1A, 0x1A, 0x1A];
const MUTED: Rgb = [0x50, 0x50, 0x50];
const RULE: Rgb = [0xA6, 0xA6, 0xA6];
const HEADER_FILL: Rgb = [0xE7, 0xEC, 0xF2];
const NOTE_BAR: Rgb = [0x00, 0x72, 0xB2];
const PROMPT_FILL: Rgb = [0xFF, 0xF4, 0xCC];

/// Places lines on pages, top to bottom.
struct Flow<'a> {
    fonts: &'a Fonts,
    pages: Vec<Page>,
    y: f32,
    marks: usize,
    outline: Vec<OutlineEntry>,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        Flow {
            fonts,
            pages: vec![Page::default()],
            y: TOP,
            marks: 0,
            outline: Vec::new(),
        }
    }

    fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits below the cursor (a block taller than a page
    /// starts at the top of one).
    fn keep(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn mark(&mut self) -> usize {
        self.marks += 1;
        self.marks - 1
    }

    fn push(&mut self, marked: Marked, draws: Vec<Draw>) {
        if let Some(page) = self.pages.last_mut() {
            page.sections.push(Section { marked, draws });
        }
    }

    /// Wrapped text at the cursor, one mark per line; returns the marks.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        weight: Weight,
        size: f32,
        leading: f32,
        colour: Rgb,
        indent: f32,
        keep_lines: usize,
    ) -> Vec<usize> {
        let lines = self.fonts.wrap(weight, size, text, CONTENT_WIDTH - indent);
        self.keep(leading * keep_lines.min(lines.len()) as f32);
        let mut marks = Vec::new();
        for line in lines {
            self.keep(leading);
            let mark = self.mark();
            let baseline = self.y + size;
            self.push(
                Marked::Content(mark),
                vec![Draw::Text {
                    x: MARGIN + indent,
                    y: baseline,
                    size,
                    weight,
                    colour,
                    text: line,
                }],
            );
            marks.push(mark);
            self.y += leading;
        }
        marks
    }
}

/// Column widths for a table: each column's natural width if they all fit, otherwise the
/// longest word of each plus the rest shared by how much more each would like.
fn column_widths(fonts: &Fonts, table: &DataTable, width: f32) -> Vec<f32> {
    let columns = table.header.len().max(1);
    let mut natural = vec![0.0f32; columns];
    let mut least = vec![0.0f32; columns];
    let rows = std::iter::once((&table.header, Weight::Bold))
        .chain(table.rows.iter().map(|r| (r, Weight::Regular)));
    for (row, weight) in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let cell = fonts.clean(cell);
            natural[i] = natural[i].max(fonts.width(weight, TABLE_SIZE, &cell) + 2.0 * CELL_PAD);
            for word in cell.split(' ') {
                least[i] = least[i].max(fonts.width(weight, TABLE_SIZE, word) + 2.0 * CELL_PAD);
            }
        }
    }
    // Never let one long word (a hash) claim the whole table.
    for l in &mut least {
        *l = l.min(width / columns as f32);
    }
    let total: f32 = natural.iter().sum();
    if total <= width {
        let extra = (width - total) / columns as f32;
        return natural.iter().map(|n| n + extra).collect();
    }
    let least_total: f32 = least.iter().sum();
    let wants: Vec<f32> = natural
        .iter()
        .zip(&least)
        .map(|(n, l)| (n - l).max(0.0))
        .collect();
    let wants_total: f32 = wants.iter().sum::<f32>().max(1e-3);
    let spare = (width - least_total).max(0.0);
    least
        .iter()
        .zip(&wants)
        .map(|(l, w)| l + spare * w / wants_total)
        .collect()
}

/// Whether a column holds figures (money, counts, percentages), which read best right-aligned.
fn is_figures(text: &str) -> bool {
    let t = text.trim();
    let figure = |w: &str| {
        w == "–"
            || w.starts_with('£')
            || w.starts_with("-£")
            || w.ends_with('%')
            || w.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '-')
    };
    // A figure alone, or a short phrase starting or ending in one, as money reads in words
    // ("Overspend £3.3m", "fewer than 5", "£1.9m less", "a net cost of £635k", "no change").
    t == "no change"
        || (t.split(' ').count() <= 5
            && (t.rsplit(' ').next().is_some_and(figure)
                || t.split(' ').next().is_some_and(figure)))
}

/// One row's cells wrapped to their columns: lines per cell and the row's height.
fn wrap_row(
    fonts: &Fonts,
    row: &[String],
    widths: &[f32],
    weight: Weight,
) -> (Vec<Vec<String>>, f32) {
    let cells: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let cell = row.get(i).map_or("", String::as_str);
            fonts.wrap(weight, TABLE_SIZE, cell, w - 2.0 * CELL_PAD)
        })
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    (cells, lines as f32 * TABLE_LEADING + 2.0 * CELL_PAD)
}

/// A table row's part in the table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowKind {
    /// The header row, bold on a shaded band, read as column headers.
    Header,
    /// The header again at the top of a later page: drawn, skipped by screen readers.
    RepeatedHeader,
    /// A row of data.
    Body,
}

impl Flow<'_> {
    /// Draws one row at the cursor; returns each cell's mark (none for a repeated header).
    fn row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        right: &[bool],
        height: f32,
        kind: RowKind,
    ) -> Vec<usize> {
        let top = self.y;
        let header = kind != RowKind::Body;
        let weight = if header {
            Weight::Bold
        } else {
            Weight::Regular
        };
        if header {
            self.push(
                Marked::Layout,
                vec![Draw::rect(MARGIN, top, CONTENT_WIDTH, height, HEADER_FILL)],
            );
        }
        let mut marks = Vec::new();
        let mut x = MARGIN;
        for (i, lines) in cells.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0.0);
            let mut draws = Vec::new();
            for (l, line) in lines.iter().enumerate() {
                let text_width = self.fonts.width(weight, TABLE_SIZE, line.trim_end());
                let left = if right.get(i).copied().unwrap_or(false) {
                    x + width - CELL_PAD - text_width
                } else {
                    x + CELL_PAD
                };
                draws.push(Draw::Text {
                    x: left,
                    y: top + CELL_PAD + TABLE_SIZE + l as f32 * TABLE_LEADING,
                    size: TABLE_SIZE,
                    weight,
                    colour: TEXT,
                    text: line.clone(),
                });
            }
            if kind == RowKind::RepeatedHeader {
                self.push(Marked::Repeated, draws);
            } else {
                let mark = self.mark();
                self.push(Marked::Content(mark), draws);
                marks.push(mark);
            }
            x += width;
        }
        let rule = Line {
            colour: RULE,
            width: 0.5,
            dash: None,
        };
        self.push(
            Marked::Layout,
            vec![Draw::line(
                [MARGIN, top + height],
                [MARGIN + CONTENT_WIDTH, top + height],
                rule,
            )],
        );
        self.y += height;
        marks
    }

    fn table(&mut self, table: &DataTable) -> Node {
        let widths = column_widths(self.fonts, table, CONTENT_WIDTH);
        let right: Vec<bool> = (0..widths.len())
            .map(|i| {
                i > 0
                    && !table.rows.is_empty()
                    && table
                        .rows
                        .iter()
                        .all(|r| r.get(i).is_some_and(|c| is_figures(c)))
            })
            .collect();
        let (header_cells, header_height) =
            wrap_row(self.fonts, &table.header, &widths, Weight::Bold);
        let first_row = table
            .rows
            .first()
            .map_or(0.0, |r| wrap_row(self.fonts, r, &widths, Weight::Regular).1);
        // The caption, the header and the first row stay together.
        self.keep(TABLE_LEADING * 2.0 + header_height + first_row + 6.0);
        self.y += 4.0;
        let caption = self.text(
            &table.caption,
            Weight::Bold,
            TABLE_SIZE + 0.5,
            TABLE_LEADING + 1.0,
            TEXT,
            0.0,
            2,
        );
        self.y += 2.0;
        let header_marks = self.row(
            &header_cells,
            &widths,
            &right,
            header_height,
            RowKind::Header,
        );
        let mut head_row = Node::new(Kind::Row);
        for mark in header_marks {
            head_row
                .children
                .push(Child::Node(Node::with_marks(Kind::HeaderCell, vec![mark])));
        }
        let mut body = Node::new(Kind::TableBody);
        for row in &table.rows {
            let (cells, height) = wrap_row(self.fonts, row, &widths, Weight::Regular);
            if self.y + height > BOTTOM {
                self.new_page();
                // The header again at the top of the page, marked as a repeat.
                self.row(
                    &header_cells,
                    &widths,
                    &right,
                    header_height,
                    RowKind::RepeatedHeader,
                );
            }
            let marks = self.row(&cells, &widths, &right, height, RowKind::Body);
            let mut tr = Node::new(Kind::Row);
            for mark in marks {
                tr.children
                    .push(Child::Node(Node::with_marks(Kind::Cell, vec![mark])));
            }
            body.children.push(Child::Node(tr));
        }
        self.y += 8.0;
        let mut node = Node::new(Kind::Table);
        node.children
            .push(Child::Node(Node::with_marks(Kind::Caption, caption)));
        node.children.push(Child::Node(Node {
            kind: Kind::TableHead,
            children: vec![Child::Node(head_row)],
        }));
        if !body.children.is_empty() {
            node.children.push(Child::Node(body));
        }
        node
    }

    fn heading(&mut self, level: u16, text: &str) -> Node {
        let (size, space) = match level {
            1 => (18.0, 0.0),
            2 => (13.5, 10.0),
            _ => (12.0, 6.0),
        };
        let text = self.fonts.clean(text);
        // A heading never ends a page: keep it with three lines of what follows.
        self.keep(space + size * 1.3 + 3.0 * BODY_LEADING);
        self.y += space;
        self.outline.push(OutlineEntry {
            title: text.clone(),
            level,
            page: self.page_index(),
            y: self.y,
        });
        let marks = self.text(&text, Weight::Bold, size, size * 1.3, TEXT, 0.0, 1);
        self.y += 3.0;
        Node::with_marks(Kind::Heading(level, text), marks)
    }

    fn paragraph(&mut self, text: &str, colour: Rgb, indent: f32) -> Node {
        let marks = self.text(
            text,
            Weight::Regular,
            BODY_SIZE,
            BODY_LEADING,
            colour,
            indent,
            2,
        );
        self.y += 5.0;
        Node::with_marks(Kind::Paragraph, marks)
    }

    /// A paragraph set apart by a bar (notes) or a shaded box (prompts for the officer).
    fn set_apart(&mut self, text: &str, prompt: bool) -> Node {
        let lines = self
            .fonts
            .wrap(Weight::Regular, BODY_SIZE, text, CONTENT_WIDTH - 12.0)
            .len();
        self.keep(lines.min(3) as f32 * BODY_LEADING);
        let page = self.page_index();
        let top = self.y;
        let section_index = self.pages.last().map_or(0, |p| p.sections.len());
        let node = self.paragraph(text, TEXT, 10.0);
        // Decoration behind the text when it stayed on one page (drawn first, marked as layout).
        if self.page_index() == page {
            let height = self.y - top - 3.0;
            let decoration = if prompt {
                Draw::rect(MARGIN, top - 2.0, CONTENT_WIDTH, height + 2.0, PROMPT_FILL)
            } else {
                Draw::rect(MARGIN, top, 3.0, height - 2.0, NOTE_BAR)
            };
            if let Some(page) = self.pages.last_mut() {
                page.sections.insert(
                    section_index,
                    Section {
                        marked: Marked::Layout,
                        draws: vec![decoration],
                    },
                );
            }
        }
        node
    }

    fn chart(&mut self, chart: &crate::report::chart::Chart) -> Node {
        let title_lines = self
            .fonts
            .wrap(Weight::Bold, BODY_SIZE, &chart.title, CONTENT_WIDTH)
            .len();
        let legend = chart::legend_height(self.fonts, chart, CONTENT_WIDTH);
        self.keep(
            title_lines as f32 * BODY_LEADING + TABLE_LEADING * 2.0 + legend + CHART_HEIGHT + 8.0,
        );
        let mut caption = self.text(
            &chart.title,
            Weight::Bold,
            BODY_SIZE,
            BODY_LEADING,
            TEXT,
            0.0,
            1,
        );
        caption.extend(self.text(
            &chart.subtitle,
            Weight::Regular,
            TABLE_SIZE,
            TABLE_LEADING,
            MUTED,
            0.0,
            1,
        ));
        self.y += 4.0;
        let rect = [MARGIN, self.y, CONTENT_WIDTH, legend + CHART_HEIGHT];
        let draws = chart::draw(self.fonts, chart, rect);
        let mark = self.mark();
        self.push(Marked::Content(mark), draws);
        self.y += legend + CHART_HEIGHT + 8.0;
        Node {
            kind: Kind::Division,
            children: vec![
                Child::Node(Node::with_marks(Kind::Caption, caption)),
                Child::Node(Node::with_marks(
                    Kind::Figure {
                        alt: chart.alt_text.clone(),
                        page: self.page_index(),
                        rect,
                    },
                    vec![mark],
                )),
            ],
        }
    }
}

/// The briefing placed on A4 pages.
pub fn layout(briefing: &Briefing, fonts: &Fonts) -> Layout {
    let mut flow = Flow::new(fonts);
    let mut structure = vec![flow.heading(1, &briefing.title)];
    for block in &briefing.blocks {
        structure.push(match block {
            Block::Heading(level, text) => flow.heading(u16::from(*level) + 1, text),
            Block::Paragraph(text) => flow.paragraph(text, TEXT, 0.0),
            Block::Note(text) => flow.set_apart(text, false),
            Block::Prompt(text) => flow.set_apart(text, true),
            Block::Table(table) => flow.table(table),
            Block::Chart(chart) => flow.chart(chart),
        });
    }
    // Provenance, readable (the running footer is furniture a screen reader skips).
    flow.y += 6.0;
    let marks = flow.text(&briefing.footer, Weight::Regular, 8.0, 10.0, MUTED, 0.0, 2);
    structure.push(Node::with_marks(Kind::Paragraph, marks));

    let total = flow.pages.len();
    let title = fonts.clean(&briefing.title);
    for (i, page) in flow.pages.iter_mut().enumerate() {
        let folio = format!("Page {} of {total}", i + 1);
        let folio_width = fonts.width(Weight::Regular, 8.0, &folio);
        let name_width = CONTENT_WIDTH - folio_width - 12.0;
        let name = fonts
            .wrap(Weight::Regular, 8.0, &title, name_width)
            .into_iter()
            .next()
            .unwrap_or_default();
        let baseline = PAGE_HEIGHT - 36.0;
        page.sections.push(Section {
            marked: Marked::Footer,
            draws: vec![
                Draw::line(
                    [MARGIN, baseline - 11.0],
                    [MARGIN + CONTENT_WIDTH, baseline - 11.0],
                    Line {
                        colour: RULE,
                        width: 0.5,
                        dash: None,
                    },
                ),
                Draw::Text {
                    x: MARGIN,
                    y: baseline,
                    size: 8.0,
                    weight: Weight::Regular,
                    colour: MUTED,
                    text: name.trim_end().to_string(),
                },
                Draw::Text {
                    x: MARGIN + CONTENT_WIDTH - folio_width,
                    y: baseline,
                    size: 8.0,
                    weight: Weight::Regular,
                    colour: MUTED,
                    text: folio,
                },
            ],
        });
    }
    Layout {
        title,
        pages: flow.pages,
        structure,
        outline: flow.outline,
        marks: flow.marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::briefing::Block;

    fn sample(rows: usize) -> Briefing {
        Briefing {
            title: "Children looked after: a test".into(),
            blocks: vec![
                Block::Paragraph("Purpose of the paper.".into()),
                Block::Note("Scenario analysis to inform a report; not a recommendation.".into()),
                Block::Heading(1, "Key figures".into()),
                Block::Table(DataTable {
                    caption: "Figures".into(),
                    header: vec!["At".into(), "Children".into(), "Spend".into()],
                    rows: (0..rows)
                        .map(|i| {
                            vec![
                                format!("31 March {}", 2015 + i),
                                "1,135".into(),
                                "£12.3m".into(),
                            ]
                        })
                        .collect(),
                }),
                Block::Prompt("[Prompt] Recommendation.".into()),
            ],
            footer: "Made by Care Levers from test.ron (SHA-256 abc).".into(),
        }
    }

    fn marks_in(node: &Node, out: &mut Vec<usize>) {
        for child in &node.children {
            match child {
                Child::Mark(m) => out.push(*m),
                Child::Node(n) => marks_in(n, out),
            }
        }
    }

    #[test]
    fn every_mark_is_placed_once_in_the_structure_and_once_on_a_page() {
        let fonts = Fonts::new().unwrap();
        let laid_out = layout(&sample(120), &fonts);
        assert!(laid_out.pages.len() >= 3, "a long table runs over pages");
        let mut in_tree = Vec::new();
        for node in &laid_out.structure {
            marks_in(node, &mut in_tree);
        }
        in_tree.sort_unstable();
        assert_eq!(in_tree, (0..laid_out.marks).collect::<Vec<_>>());
        let mut on_pages: Vec<usize> = laid_out
            .pages
            .iter()
            .flat_map(|p| &p.sections)
            .filter_map(|s| match s.marked {
                Marked::Content(m) => Some(m),
                _ => None,
            })
            .collect();
        on_pages.sort_unstable();
        assert_eq!(on_pages, in_tree);
        // Each later page of the table starts with its header, repeated as an artifact.
        let repeats = laid_out
            .pages
            .iter()
            .filter(|p| p.sections.iter().any(|s| s.marked == Marked::Repeated))
            .count();
        assert_eq!(repeats, laid_out.pages.len() - 1);
        // Nothing is drawn outside the page's body, except the footer.
        for page in &laid_out.pages {
            for section in &page.sections {
                if section.marked == Marked::Footer {
                    continue;
                }
                for draw in &section.draws {
                    if let Draw::Text { x, y, .. } = draw {
                        assert!(*y <= BOTTOM + 1.0 && *y >= TOP, "{y}");
                        assert!(*x >= MARGIN - 0.01 && *x < MARGIN + CONTENT_WIDTH);
                    }
                }
            }
        }
        // Footers say which page of how many.
        let texts = laid_out.texts();
        assert!(texts.contains(&format!("Page 1 of {}", laid_out.pages.len()).as_str()));
    }

    #[test]
    fn the_pdf_passes_the_accessibility_check_and_says_what_it_is() {
        let pdf = super::super::to_pdf(&sample(12)).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("pdfuaid"),
            "PDF/UA identification in the metadata"
        );
        assert!(text.contains("/Lang"), "language set");
        assert!(text.contains("/StructTreeRoot"), "tagged");
    }

    #[test]
    fn columns_share_the_width_and_figures_are_right_aligned() {
        let fonts = Fonts::new().unwrap();
        let table = DataTable {
            caption: String::new(),
            header: vec!["Lever".into(), "Evidence".into()],
            rows: vec![vec!["Early help".into(), "word ".repeat(80)]],
        };
        let widths = column_widths(&fonts, &table, 400.0);
        assert!((widths.iter().sum::<f32>() - 400.0).abs() < 0.01);
        assert!(widths[0] < widths[1]);
        assert!(is_figures("£12.3m") && is_figures("-590") && is_figures("1,135"));
        assert!(is_figures("Overspend £3.3m") && is_figures("fewer than 5"));
        assert!(is_figures("£1.9m less") && is_figures("a net cost of £635k"));
        assert!(is_figures("no change") && is_figures("£300k more spent"));
        assert!(!is_figures("none") && !is_figures("from Apr 2014, full effect after 3 month(s)"));
    }
}
