//! A briefing ([`crate::report::briefing`]) as a Word document (.docx) that pastes into a
//! council's template: Word's built-in styles (Title, heading 1-2, caption, Quote, Table Grid,
//! footer) so text takes on the template's look; tables with a repeating header row and a
//! caption; charts as native Word charts carrying their own figures, with alt text; the title
//! in the document properties and the language en-GB. No text boxes, no layout tables.
//! Written by hand on the `zip` crate: no docx crate writes alt text and header rows
//! (docs/briefing.md).

use crate::report::briefing::{Block, Briefing};
use crate::report::chart::{Chart, DataTable, Mark, Role, Unit};
use std::io::Write;

/// Escapes text for XML.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn paragraph(style: Option<&str>, text: &str, italic: bool) -> String {
    let style = style
        .map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"))
        .unwrap_or_default();
    let run_props = if italic { "<w:rPr><w:i/></w:rPr>" } else { "" };
    format!(
        "<w:p>{style}<w:r>{run_props}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml(text)
    )
}

/// The width between the margins: A4 (11,906 twips) less two 2 cm margins (1,134 each).
const TEXT_WIDTH_TWIPS: usize = 11_906 - 2 * 1_134;

/// Column widths in twentieths of a point, sharing the width between 2 cm margins by how
/// much each column holds (words get room, figures stay narrow).
fn column_widths(table: &DataTable) -> Vec<usize> {
    let columns = table.header.len().max(1);
    let longest: Vec<usize> = (0..columns)
        .map(|c| {
            std::iter::once(&table.header)
                .chain(&table.rows)
                .filter_map(|row| row.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(1)
                .clamp(18, 36)
        })
        .collect();
    let total: usize = longest.iter().sum();
    longest
        .iter()
        .map(|l| TEXT_WIDTH_TWIPS * l / total.max(1))
        .collect()
}

fn table(table: &DataTable) -> String {
    let widths = column_widths(table);
    let mut out = paragraph(Some("Caption"), &table.caption, false);
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/><w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
        xml(&table.caption)
    ));
    for width in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    let row = |cells: &[String], header: bool| {
        let mut tr = String::from("<w:tr>");
        if header {
            // Repeats on every page, and tells screen readers these are headings.
            tr.push_str("<w:trPr><w:tblHeader/></w:trPr>");
        }
        for (cell, width) in cells.iter().zip(&widths) {
            let run_props = if header { "<w:rPr><w:b/></w:rPr>" } else { "" };
            tr.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:r>{run_props}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                xml(cell)
            ));
        }
        tr.push_str("</w:tr>");
        tr
    };
    out.push_str(&row(&table.header, true));
    for cells in &table.rows {
        out.push_str(&row(cells, false));
    }
    out.push_str("</w:tbl>");
    out
}

/// The inline drawing of chart `number` (its part is `charts/chart{number}.xml`).
fn chart_drawing(chart: &Chart, number: usize) -> String {
    // 17 cm × 7.5 cm in EMUs: the text width, and short enough for a chart and its table to
    // share a page.
    let (cx, cy) = (6_120_000, 2_700_000);
    format!(
        "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{number}\" name=\"Chart {number}\" title=\"{}\" descr=\"{}\"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rIdChart{number}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
        xml(&chart.title),
        xml(&chart.alt_text)
    ) + &paragraph(
        Some("Caption"),
        &format!("Figure {number}: {}", chart.title),
        false,
    )
}

/// Colour (hex) and dash of a series, so that it reads without colour too; placements in the
/// same colours as on screen and in the PDF.
fn line_style(role: Role) -> (String, Option<&'static str>) {
    let hex = |[r, g, b]: crate::report::chart::Rgb| format!("{r:02X}{g:02X}{b:02X}");
    match role {
        Role::Scenario => ("1F3864".into(), None),
        Role::DoNothing => ("7F7F7F".into(), Some("dash")),
        Role::Budget => ("000000".into(), Some("sysDot")),
        Role::Grant => ("BF9000".into(), None),
        Role::Cause(cause) => (hex(crate::report::chart::cause_rgb(cause)), None),
        Role::Target | Role::Counted => ("000000".into(), None),
        Role::Placement(placement) => (hex(crate::report::chart::placement_rgb(placement)), None),
        Role::Uasc => (hex(crate::report::chart::UASC_RGB), None),
        Role::Comparison(i) => (hex(crate::report::chart::comparison_rgb(i)), Some("sysDot")),
        Role::Reference => (hex(crate::report::chart::SAVING_RGB), Some("dash")),
        Role::Investment | Role::Payback => (hex(crate::report::chart::INVESTMENT_RGB), None),
        Role::Saving => (hex(crate::report::chart::SAVING_RGB), None),
        Role::Spent => (hex(crate::report::chart::SCENARIO_RGB), None),
        Role::Capacity => ("1F3864".into(), None),
        Role::Need => ("1F3864".into(), Some("dash")),
    }
}

fn series_xml(index: usize, name: &str, role: Role, labels: &[String], values: &[f64]) -> String {
    let (colour, dash) = line_style(role);
    let dash = dash
        .map(|d| format!("<a:prstDash val=\"{d}\"/>"))
        .unwrap_or_default();
    let n = values.len();
    let column = (b'B' + (index % 24) as u8) as char;
    let mut cat = format!(
        "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val=\"{n}\"/>",
        n + 1
    );
    for (i, label) in labels.iter().enumerate().take(n) {
        cat.push_str(&format!(
            "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>",
            xml(label)
        ));
    }
    cat.push_str("</c:strCache></c:strRef></c:cat>");
    let mut val = format!(
        "<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"{n}\"/>",
        n + 1
    );
    for (i, v) in values.iter().enumerate() {
        if v.is_finite() {
            val.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{:.1}</c:v></c:pt>", v));
        }
    }
    val.push_str("</c:numCache></c:numRef></c:val>");
    format!(
        "<c:idx val=\"{index}\"/><c:order val=\"{index}\"/><c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill>{dash}</a:ln></c:spPr>{{MARKER}}{cat}{val}",
        xml(name)
    )
}

fn axes(chart: &Chart, skip: usize) -> String {
    let (unit, format) = match chart.unit {
        Unit::Children => ("Children", "#,##0"),
        // £m to one decimal, as the window and the papers write money (each trailing comma
        // divides by 1,000).
        Unit::Pounds => ("£m", "\"£\"#,##0.0,,\"m\""),
    };
    format!(
        "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"2\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:tickLblSkip val=\"{skip}\"/><c:tickMarkSkip val=\"{skip}\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx><c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/><c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/><c:title><c:tx><c:rich><a:bodyPr rot=\"-5400000\" vert=\"horz\"/><a:p><a:r><a:t>{unit}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:numFmt formatCode=\"{}\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>",
        xml(format)
    )
}

/// A chart part: the chart's areas and lines (children: stacked by placement, with the
/// scenario and doing nothing by month) or bars (money: spend and doing nothing by year, the
/// budget as a line), with its figures cached in the part so Word and LibreOffice draw it
/// without a spreadsheet.
fn chart_part(chart: &Chart) -> String {
    let mut plot = String::new();
    // A monthly chart names every twelfth month only: Word honours a label skip, LibreOffice
    // does not and would crowd 36 or 120 labels under the chart.
    let yearly: Vec<String>;
    let labels = match chart.unit {
        Unit::Children => {
            yearly = chart
                .x_labels
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    if i % 12 == 0 {
                        label.clone()
                    } else {
                        String::new()
                    }
                })
                .collect();
            &yearly
        }
        Unit::Pounds => &chart.x_labels,
    };
    match chart.unit {
        Unit::Children => {
            let mut index = 0;
            // The placements (and UASC) stacked, each area its own count, drawn first so the
            // lines sit on top.
            let areas: Vec<_> = chart
                .series
                .iter()
                .filter_map(|series| match &series.mark {
                    Mark::StackedArea { lower } => Some((series, lower)),
                    _ => None,
                })
                .collect();
            if !areas.is_empty() {
                plot.push_str(
                    "<c:areaChart><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>",
                );
                for (series, lower) in areas {
                    let values: Vec<f64> = series
                        .points
                        .iter()
                        .zip(lower)
                        .map(|(p, l)| p[1] - l)
                        .collect();
                    let (colour, _) = line_style(series.role);
                    let body = series_xml(index, &series.name, series.role, labels, &values)
                        .replace("{MARKER}", "")
                        .replace(
                            &format!("<a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></a:ln>"),
                            "<a:ln><a:noFill/></a:ln>",
                        );
                    plot.push_str(&format!("<c:ser>{body}</c:ser>"));
                    index += 1;
                }
                plot.push_str("<c:axId val=\"1\"/><c:axId val=\"2\"/></c:areaChart>");
            }
            plot.push_str("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
            for series in &chart.series {
                if matches!(series.mark, Mark::Line) {
                    let values: Vec<f64> = series.points.iter().map(|p| p[1]).collect();
                    let body = series_xml(index, &series.name, series.role, labels, &values)
                        .replace("{MARKER}", "<c:marker><c:symbol val=\"none\"/></c:marker>");
                    plot.push_str(&format!("<c:ser>{body}<c:smooth val=\"0\"/></c:ser>"));
                    index += 1;
                }
            }
            plot.push_str(
                "<c:marker val=\"1\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>",
            );
            plot.push_str(&axes(chart, 1));
        }
        Unit::Pounds => {
            plot.push_str("<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>");
            let mut index = 0;
            let mut budget = None;
            for series in &chart.series {
                let values: Vec<f64> = series.points.iter().map(|p| p[1]).collect();
                match (&series.mark, series.role) {
                    (Mark::Bars { .. }, Role::Scenario | Role::DoNothing | Role::Cause(_)) => {
                        let body = series_xml(index, &series.name, series.role, labels, &values)
                            .replace("{MARKER}", "<c:invertIfNegative val=\"0\"/>");
                        plot.push_str(&format!("<c:ser>{body}</c:ser>"));
                        index += 1;
                    }
                    (_, Role::Budget) => budget = Some((series.name.clone(), values)),
                    _ => {}
                }
            }
            plot.push_str(
                "<c:gapWidth val=\"80\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>",
            );
            if let Some((name, values)) = budget {
                let body = series_xml(index, &name, Role::Budget, labels, &values).replace(
                    "{MARKER}",
                    "<c:marker><c:symbol val=\"dash\"/><c:size val=\"20\"/></c:marker>",
                );
                plot.push_str(&format!(
                    "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/><c:ser>{body}<c:smooth val=\"0\"/></c:ser><c:marker val=\"1\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:lineChart>"
                ));
            }
            plot.push_str(&axes(chart, 1));
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"{R}\"><c:lang val=\"en-GB\"/><c:roundedCorners val=\"0\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"en-GB\" sz=\"1200\" b=\"1\"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>{plot}</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>",
        xml(&chart.title)
    )
}

fn styles() -> String {
    let style = |kind: &str, id: &str, name: &str, extra: &str| {
        format!(
            "<w:style w:type=\"{kind}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{extra}</w:style>"
        )
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    );
    out.push_str(&style("paragraph", "Normal", "Normal", "<w:qFormat/>"));
    out.push_str(&style("paragraph", "Title", "Title", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"40\"/></w:rPr>"));
    out.push_str(&style("paragraph", "Heading1", "heading 1", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr>"));
    out.push_str(&style("paragraph", "Heading2", "heading 2", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr>"));
    out.push_str(&style("paragraph", "Caption", "caption", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:sz w:val=\"22\"/></w:rPr>"));
    out.push_str(&style("paragraph", "Quote", "Quote", "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"567\"/></w:pPr><w:rPr><w:i/></w:rPr>"));
    out.push_str(&style(
        "paragraph",
        "Footer",
        "footer",
        "<w:basedOn w:val=\"Normal\"/><w:rPr><w:sz w:val=\"18\"/></w:rPr>",
    ));
    out.push_str(&style("table", "TableGrid", "Table Grid", "<w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr>"));
    out.push_str("</w:styles>");
    out
}

/// The parts of the .docx, by name, in the order they are written.
pub fn parts(briefing: &Briefing) -> Vec<(String, String)> {
    let mut body = paragraph(Some("Title"), &briefing.title, false);
    let mut charts = Vec::new();
    for block in &briefing.blocks {
        match block {
            Block::Heading(level, text) => {
                let style = if *level <= 1 { "Heading1" } else { "Heading2" };
                body.push_str(&paragraph(Some(style), text, false));
            }
            Block::Paragraph(text) => body.push_str(&paragraph(None, text, false)),
            Block::Note(text) => body.push_str(&paragraph(None, text, true)),
            Block::Prompt(text) => body.push_str(&paragraph(Some("Quote"), text, false)),
            Block::Table(t) => body.push_str(&table(t)),
            Block::Chart(chart) => {
                charts.push(chart_part(chart));
                body.push_str(&chart_drawing(chart, charts.len()));
            }
        }
    }
    body.push_str(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>",
    );
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>{body}</w:body></w:document>"
    );
    let footer = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\">{}</w:ftr>",
        paragraph(Some("Footer"), &briefing.footer, false)
    );
    let mut relationships = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"{R}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" Type=\"{R}/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFooter\" Type=\"{R}/footer\" Target=\"footer1.xml\"/>"
    );
    let mut overrides = String::new();
    for i in 1..=charts.len() {
        relationships.push_str(&format!(
            "<Relationship Id=\"rIdChart{i}\" Type=\"{R}/chart\" Target=\"charts/chart{i}.xml\"/>"
        ));
        overrides.push_str(&format!("<Override PartName=\"/word/charts/chart{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"));
    }
    relationships.push_str("</Relationships>");
    let content_types = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>{overrides}</Types>"
    );
    let package_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{R}/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{R}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
    );
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:language>en-GB</dc:language><dc:creator>Care Levers</dc:creator></cp:coreProperties>",
        xml(&briefing.title)
    );
    let app = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Care Levers {}</Application></Properties>",
        env!("CARGO_PKG_VERSION")
    );
    let settings = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W}\"><w:themeFontLang w:val=\"en-GB\"/></w:settings>"
    );
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), content_types),
        ("_rels/.rels".to_string(), package_rels),
        ("docProps/core.xml".to_string(), core),
        ("docProps/app.xml".to_string(), app),
        ("word/document.xml".to_string(), document),
        ("word/styles.xml".to_string(), styles()),
        ("word/settings.xml".to_string(), settings),
        ("word/footer1.xml".to_string(), footer),
        ("word/_rels/document.xml.rels".to_string(), relationships),
    ];
    for (i, chart) in charts.into_iter().enumerate() {
        parts.push((format!("word/charts/chart{}.xml", i + 1), chart));
    }
    parts
}

/// The .docx file's bytes.
pub fn to_docx(briefing: &Briefing) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts(briefing) {
            zip.start_file(name, options)?;
            zip.write_all(text.as_bytes())?;
        }
        zip.finish()?;
    }
    Ok(buffer.into_inner())
}
