//! Writing the laid-out pages with krilla: drawing, tagging and the PDF/UA-1 check.

use super::page::*;
use super::text::{self, Weight};
use crate::report::chart::Rgb;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded fonts could not be read.
    #[error("{0}")]
    Fonts(String),
    /// The accessibility check (PDF/UA-1) found problems.
    #[error("the PDF would not be accessible (PDF/UA-1): {0}")]
    Accessibility(String),
    /// krilla could not write the document.
    #[error("cannot write the PDF: {0}")]
    Write(String),
}

fn colour([r, g, b]: Rgb) -> krilla::color::rgb::Color {
    krilla::color::rgb::Color::new(r, g, b)
}

fn path(points: &[[f32; 2]], closed: bool) -> Option<krilla::geom::Path> {
    let mut builder = krilla::geom::PathBuilder::new();
    let (first, rest) = points.split_first()?;
    builder.move_to(first[0], first[1]);
    for p in rest {
        builder.line_to(p[0], p[1]);
    }
    if closed {
        builder.close();
    }
    builder.finish()
}

fn draw_all(
    surface: &mut krilla::surface::Surface<'_>,
    draws: &[Draw],
    regular: &krilla::text::Font,
    bold: &krilla::text::Font,
) {
    use krilla::paint::{Fill, Stroke, StrokeDash};
    for draw in draws {
        match draw {
            Draw::Text {
                x,
                y,
                size,
                weight,
                colour: c,
                text,
            } => {
                if text.is_empty() {
                    continue;
                }
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: colour(*c).into(),
                    ..Fill::default()
                }));
                let font = match weight {
                    Weight::Regular => regular,
                    Weight::Bold => bold,
                };
                surface.draw_text(
                    krilla::geom::Point::from_xy(*x, *y),
                    font.clone(),
                    *size,
                    text,
                    false,
                    krilla::text::TextDirection::Auto,
                );
            }
            Draw::Shape {
                points,
                closed,
                fill,
                stroke,
            } => {
                let Some(shape) = path(points, *closed) else {
                    continue;
                };
                surface.set_fill(fill.map(|c| Fill {
                    paint: colour(c).into(),
                    ..Fill::default()
                }));
                surface.set_stroke(stroke.as_ref().map(|line| Stroke {
                    paint: colour(line.colour).into(),
                    width: line.width,
                    dash: line.dash.map(|[on, off]| StrokeDash {
                        array: vec![on, off],
                        offset: 0.0,
                    }),
                    ..Stroke::default()
                }));
                surface.draw_path(&shape);
            }
        }
    }
}

fn tag_node(
    node: &Node,
    ids: &[Option<krilla::tagging::Identifier>],
) -> Option<krilla::tagging::TagGroup> {
    use krilla::tagging::{BBox, Node as TagNode, TableHeaderScope, Tag, TagGroup, TagKind};
    let kind: TagKind = match &node.kind {
        Kind::Heading(level, title) => Tag::Hn(
            std::num::NonZeroU16::new(*level).unwrap_or(std::num::NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Kind::Paragraph => Tag::P.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Caption => Tag::Caption.into(),
        Kind::TableHead => Tag::THead.into(),
        Kind::TableBody => Tag::TBody.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Figure { alt, page, rect } => Tag::Figure(Some(alt.clone()))
            .with_bbox(
                krilla::geom::Rect::from_xywh(rect[0], rect[1], rect[2], rect[3])
                    .map(|r| BBox::new(*page, r)),
            )
            .into(),
        Kind::Division => Tag::Div.into(),
    };
    let mut children: Vec<TagNode> = Vec::new();
    for child in &node.children {
        match child {
            Child::Mark(mark) => {
                if let Some(Some(id)) = ids.get(*mark) {
                    children.push((*id).into());
                }
            }
            Child::Node(inner) => {
                if let Some(group) = tag_node(inner, ids) {
                    children.push(group.into());
                }
            }
        }
    }
    // An empty cell is still a cell; any other empty element is left out.
    if children.is_empty() && !matches!(node.kind, Kind::Cell | Kind::HeaderCell) {
        return None;
    }
    Some(TagGroup::with_children(kind, children))
}

pub(super) fn write(laid_out: &Layout) -> Result<Vec<u8>, PdfError> {
    use krilla::configure::{Accessibility, ConfigurationBuilder};
    use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag, TagTree};
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    let mut document = krilla::Document::new_with(krilla::SerializeSettings {
        configuration,
        ..krilla::SerializeSettings::default()
    });
    let font = |data: &'static [u8], name: &str| {
        krilla::text::Font::new(data.into(), 0)
            .ok_or_else(|| PdfError::Fonts(format!("the embedded font {name} cannot be read")))
    };
    let regular = font(text::REGULAR, "Liberation Sans Regular")?;
    let bold = font(text::BOLD, "Liberation Sans Bold")?;
    let mut ids: Vec<Option<krilla::tagging::Identifier>> = vec![None; laid_out.marks];
    for page in &laid_out.pages {
        let settings = krilla::page::PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| PdfError::Write("A4 page size rejected".into()))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for section in &page.sections {
            let tag = match section.marked {
                Marked::Content(_) => {
                    // Charts are graphics (Other); everything else is text (Span).
                    let is_text = section.draws.iter().all(|d| matches!(d, Draw::Text { .. }));
                    if is_text {
                        ContentTag::Span(SpanTag::empty())
                    } else {
                        ContentTag::Other
                    }
                }
                Marked::Layout => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)),
                Marked::Footer => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)),
                Marked::Repeated => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther))
                }
            };
            let id = surface.start_tagged(tag);
            draw_all(&mut surface, &section.draws, &regular, &bold);
            surface.end_tagged();
            if let Marked::Content(mark) = section.marked
                && let Some(slot) = ids.get_mut(mark)
            {
                *slot = Some(id);
            }
        }
        surface.finish();
        pdf_page.finish();
    }

    let mut tree = TagTree::new().with_lang(Some("en-GB".to_string()));
    for node in &laid_out.structure {
        if let Some(group) = tag_node(node, &ids) {
            tree.push(group);
        }
    }
    document.set_tag_tree(tree);

    let mut outline = krilla::outline::Outline::new();
    let mut current: Option<krilla::outline::OutlineNode> = None;
    for entry in &laid_out.outline {
        let destination = krilla::destination::XyzDestination::new(
            entry.page,
            krilla::geom::Point::from_xy(MARGIN, entry.y),
        );
        let node = krilla::outline::OutlineNode::new(entry.title.clone(), destination);
        if entry.level <= 1 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node);
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = current.take() {
        outline.push_child(done.with_open(true));
    }
    document.set_outline(outline);
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(laid_out.title.clone())
            .language("en-GB".to_string())
            .creator(format!("Care Levers {}", env!("CARGO_PKG_VERSION"))),
    );
    document.finish().map_err(|error| match error {
        krilla::error::KrillaError::Validation(problems) => PdfError::Accessibility(
            problems
                .iter()
                .map(|(problem, _)| format!("{problem:?}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => PdfError::Write(other.to_string()),
    })
}
