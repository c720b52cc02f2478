//! The committee briefing as a Word document and as a PDF: its figures are those of
//! `care-levers run` (children to the nearest 5, as papers give them), its structure is what a
//! council template and a screen reader need (built-in heading styles, header rows on every
//! table, alt text on every chart, a title and a language; a tagged PDF/UA-1 file), and every
//! Word part is well-formed XML.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::report::format;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_scenarios")
        .join(name)
}

fn care_levers(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_care-levers"))
        .args(args)
        .output()
        .unwrap()
}

/// The briefing's section headings, in order (the 2014 target plan has counts and a council).
const SECTIONS: [&str; 7] = [
    "Key figures",
    "Children looked after",
    "Spend against budget",
    "Options",
    "Assumptions and evidence",
    "Plan against outcome",
    "For the officer to complete",
];

/// `care-levers run FILE --format json`: the whole answer and its month of March 2017.
fn run_at_march_2017(plan: &Path) -> (serde_json::Value, serde_json::Value) {
    let run = care_levers(&["run", plan.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let march_2017 = json["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["month"] == "2017-03")
        .unwrap()
        .clone();
    (json, march_2017)
}

/// The 2014 target plan's briefing (against doing nothing) written by the command line into
/// `folder` as `extension`: the plan's path and the briefing's.
fn brief_target_plan(folder: &Path, extension: &str) -> (PathBuf, PathBuf) {
    let out = folder.join(format!("briefing.{extension}"));
    let plan = shipped("norfolk_2014_target_770.ron");
    let output = care_levers(&[
        "brief",
        plan.to_str().unwrap(),
        "--compare",
        shipped("norfolk_2014_do_nothing.ron").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (plan, out)
}

/// The parts of a .docx, by name.
fn parts(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            let name = file.name().unwrap().to_string();
            (name, text)
        })
        .collect()
}

fn well_formed(name: &str, text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("{name} is not well-formed XML: {error}"),
        }
    }
    assert_eq!(depth, 0, "{name}: unbalanced elements");
}

#[test]
fn the_briefing_carries_the_figures_of_run_in_an_accessible_word_document() {
    let folder = tempfile::tempdir().unwrap();
    let (plan, out) = brief_target_plan(folder.path(), "docx");
    let parts = parts(&out);
    for (name, text) in &parts {
        well_formed(name, text);
    }
    let part = |name: &str| -> &str {
        &parts
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    };
    let document = part("word/document.xml");

    // The figures are run's: children at 31 March 2017, and the first year's spend.
    let (json, march_2017) = run_at_march_2017(&plan);
    let march_2017 = &march_2017;
    let children = format::children_for_paper(march_2017["looked_after"].as_f64().unwrap());
    assert!(document.contains(&format!(">{children}<")), "{children}");
    let first_year = &json["years"][0];
    let spend = format::money(first_year["spend_gbp"].as_f64().unwrap());
    assert!(document.contains(&format!(">{spend}<")), "{spend}");
    let (word, amount) = format::overspend(first_year["overspend_gbp"].as_f64().unwrap());
    assert!(document.contains(&format!("{word} {amount}")));

    // Structure: built-in styles, header rows, captions, alt text, title and language.
    assert_eq!(document.matches("<w:pStyle w:val=\"Title\"/>").count(), 1);
    for heading in SECTIONS {
        assert!(
            document.contains(&format!(
                "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{heading}</w:t>"
            )),
            "{heading}"
        );
    }
    let tables = document.matches("<w:tbl>").count();
    assert!(tables >= 6, "{tables} tables");
    assert_eq!(document.matches("<w:tblHeader/>").count(), tables);
    assert_eq!(document.matches("<w:tblCaption ").count(), tables);
    let charts = document.matches("<c:chart ").count();
    assert_eq!(charts, 2);
    assert_eq!(
        document
            .matches(" descr=\"Chart of children in care")
            .count(),
        1
    );
    assert_eq!(
        document
            .matches(" descr=\"Bar chart of placement spend")
            .count(),
        1
    );
    assert!(!document.contains("<w:txbxContent"), "no text boxes");
    assert!(
        part("docProps/core.xml")
            .contains("<dc:title>Children looked after: Norfolk 2014: target 770</dc:title>")
    );
    assert!(part("word/styles.xml").contains("<w:lang w:val=\"en-GB\"/>"));
    for name in ["heading 1", "Title", "caption", "Table Grid", "Quote"] {
        assert!(part("word/styles.xml").contains(&format!("<w:name w:val=\"{name}\"/>")));
    }
    // Charts carry their own figures: the scenario's 31 March 2017 value is in the chart part.
    let chart = part("word/charts/chart1.xml");
    let value = format!("{:.1}", march_2017["looked_after"].as_f64().unwrap());
    assert!(chart.contains(&format!("<c:v>{value}</c:v>")), "{value}");
    // The placement mix stacked under the lines, as on screen and in the PDF: six areas.
    let areas = &chart[chart.find("<c:areaChart>").unwrap()..chart.find("</c:areaChart>").unwrap()];
    assert!(areas.contains("<c:grouping val=\"stacked\"/>"));
    assert_eq!(areas.matches("<c:ser>").count(), 6);
    assert!(areas.contains("In-house foster care") && areas.contains("0072B2"));
    // The options include doing nothing, the compared file and the evidence-based version
    // (the 2014 target claims more than the evidence supports).
    for option in [
        "Doing nothing",
        "Norfolk 2014: do nothing",
        "Evidence-based version",
    ] {
        assert!(document.contains(option), "{option}");
    }
    // Prompts are marked as prompts; the footer names the file and its hash.
    assert_eq!(document.matches("[Prompt]").count(), 4);
    let bytes = std::fs::read(&plan).unwrap();
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let footer = part("word/footer1.xml");
    assert!(footer.contains("norfolk_2014_target_770.ron"));
    assert!(footer.contains(&hash));
    assert!(footer.contains("1000 draws, seed 2014"));
    // Never a negative overspend, and never a minus sign on money: the sign is a word.
    assert!(!document.contains("Overspend -") && !document.contains("Underspend -"));
    assert!(
        !document.contains("-£") && !document.contains("−£"),
        "money with a minus sign"
    );
}

#[test]
fn a_briefing_asked_for_in_another_format_is_refused_in_words() {
    let plan = shipped("norfolk_2014_do_nothing.ron");
    for out in ["/tmp/never.txt", "/tmp/never"] {
        let output = care_levers(&["brief", plan.to_str().unwrap(), "--out", out]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("--out") && stderr.contains(".pdf"),
            "{stderr}"
        );
        assert!(!Path::new(out).exists());
    }
}

/// A poppler tool's output, or None when it is not installed (CI installs it and sets
/// CARE_LEVERS_NEED_POPPLER, so there a missing tool fails the test).
fn poppler(tool: &str, args: &[&str]) -> Option<String> {
    match Command::new(tool).args(args).output() {
        Ok(output) => {
            assert!(
                output.status.success(),
                "{tool}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Err(error) => {
            assert!(
                std::env::var_os("CARE_LEVERS_NEED_POPPLER").is_none(),
                "{tool} is needed (apt-get install poppler-utils): {error}"
            );
            eprintln!("{tool} not installed: the PDF's text is not read back here");
            None
        }
    }
}

#[test]
fn the_pdf_briefing_carries_the_figures_of_run_and_is_tagged_for_screen_readers() {
    let folder = tempfile::tempdir().unwrap();
    let (plan, out) = brief_target_plan(folder.path(), "pdf");
    // Written through krilla's PDF/UA-1 check (it refuses to write a file that fails it); the
    // marks of a tagged, titled, English document are in the file.
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let raw = String::from_utf8_lossy(&bytes);
    for mark in [
        "/StructTreeRoot",
        "/MarkInfo",
        "/Lang(en-GB)",
        "pdfuaid:part",
        "/DisplayDocTitle true",
    ] {
        assert!(raw.contains(mark), "{mark}");
    }
    // The structure tree: one title heading, a heading per section, every table with column
    // header cells, both charts as figures with alt text.
    let count = |tag: &str| raw.matches(tag).count();
    assert_eq!(count("/S/H1"), 1);
    assert!(count("/S/H2") >= 7, "{} section headings", count("/S/H2"));
    assert!(count("/S/Table") >= 6, "{} tables", count("/S/Table"));
    assert_eq!(
        count("/S/THead"),
        count("/S/Table"),
        "a header row in every table"
    );
    assert!(count("/Scope/Column") >= 5 * count("/S/Table") / 2);
    assert_eq!(count("/S/Figure"), 2);
    assert_eq!(count("/Alt"), 2, "alt text on both charts");

    let (json, march_2017) = run_at_march_2017(&plan);
    let march_2017 = &march_2017;
    let first_year = &json["years"][0];
    let figure = |value: &serde_json::Value| value.as_f64().unwrap();

    let Some(info) = poppler("pdfinfo", &[out.to_str().unwrap()]) else {
        return;
    };
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Title:           Children looked after: Norfolk 2014: target 770"));
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!((2..=4).contains(&pages), "{pages} pages");

    // With -layout, a table row comes back as one line: the key figures' rows.
    let rows = poppler("pdftotext", &["-layout", out.to_str().unwrap(), "-"]).unwrap();
    let row = |label: &str| -> Vec<String> {
        let line = rows
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}\n{rows}"));
        line[label.len()..]
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    let children = figure(&march_2017["looked_after"]);
    let baseline = figure(&march_2017["baseline_looked_after"]);
    assert_eq!(
        row("Children looked after, 31 March 2017"),
        [
            format::children_for_paper(baseline),
            format::children_for_paper(children),
            format::children_change_for_paper(children - baseline),
        ]
    );
    let first = first_year["financial_year"].as_str().unwrap();
    let spend = figure(&first_year["spend_gbp"]);
    let baseline_spend = figure(&first_year["baseline_spend_gbp"]);
    assert_eq!(
        row(&format!("Placement spend, {first}")),
        [
            format::money(baseline_spend),
            format::money(spend),
            format::money_change(spend - baseline_spend),
        ]
    );
    let (word, amount) = format::overspend(figure(&first_year["overspend_gbp"]));
    assert_eq!(
        row(&format!("Overspend or underspend, {first}"))[1],
        format!("{word} {amount}")
    );

    let text = poppler("pdftotext", &[out.to_str().unwrap(), "-"]).unwrap();
    for heading in SECTIONS {
        assert!(text.contains(heading), "{heading}");
    }
    assert_eq!(text.matches("[Prompt]").count(), 4);
    assert!(text.contains("Scenario analysis to inform a report; not a recommendation."));
    // The footer names the file and its hash (the hash may wrap across lines).
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(std::fs::read(&plan).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(&hash));
    assert!(text.contains("norfolk_2014_target_770.ron"));
    assert!(!text.contains("Overspend -") && !text.contains("Underspend -"));
    // The £ sign and dashes come back as themselves (the font has them and maps them).
    assert!(text.contains('£') && text.contains('–'));
}

/// The Word briefing's outline, one line per block: a paragraph's style (and the first words of
/// a heading or caption), a table with its columns and rows, a chart. Compared with
/// tests/data/briefing_structure.txt; `CARE_LEVERS_BLESS=1 cargo test --test briefing` rewrites
/// it after a change that is meant (the diff then shows what moved).
fn outline(document: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(document);
    let mut lines = Vec::new();
    let (mut in_table, mut rows, mut columns) = (0usize, 0usize, 0usize);
    let mut style: Option<String> = None;
    let mut text = String::new();
    let mut in_paragraph = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => {
                    in_table += 1;
                    rows = 0;
                    columns = 0;
                }
                "w:tr" if in_table == 1 => rows += 1,
                "w:p" if in_table == 0 => {
                    in_paragraph = true;
                    style = None;
                    text.clear();
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:gridCol" if in_table == 1 => columns += 1,
                "w:pStyle" if in_paragraph => {
                    let value = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "w:val")
                        .map(|a| a.value.to_string());
                    style = value;
                }
                "c:chart" => lines.push("chart".to_string()),
                _ => {}
            },
            Event::Text(t) if in_paragraph => {
                text.push_str(t.as_ref());
            }
            Event::End(e) => match e.name().as_ref() {
                "w:tbl" => {
                    in_table -= 1;
                    lines.push(format!("table {columns} columns x {rows} rows"));
                }
                "w:p" if in_table == 0 && in_paragraph => {
                    in_paragraph = false;
                    let style = style.take().unwrap_or_else(|| "Normal".into());
                    let words: String = text
                        .split_whitespace()
                        .take(6)
                        .collect::<Vec<_>>()
                        .join(" ");
                    match style.as_str() {
                        "Title" | "Heading1" | "Heading2" | "Caption" => {
                            lines.push(format!("{style}: {words}"))
                        }
                        _ if !text.trim().is_empty() => lines.push(style),
                        _ => {}
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    lines.join("\n") + "\n"
}

/// The Word briefing of a shipped scenario: its document.xml, checked to carry no money with a
/// minus sign (a net cost is "a net cost of", in words).
fn word_document(name: &str) -> String {
    word_document_of(&shipped(name))
}

/// The Word briefing of the scenario file at `plan`, checked as [`word_document`].
fn word_document_of(plan: &Path) -> String {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("briefing.docx");
    let output = care_levers(&[
        "brief",
        plan.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let document = parts(&out)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert!(
        !document.contains("-£") && !document.contains("−£"),
        "money with a minus sign"
    );
    document
}

#[test]
fn the_word_briefing_keeps_its_structure() {
    // The 2017 programme costs more than it saves in its first years.
    let document = word_document("norfolk_2017_programme.ron");
    same_outline_as(&outline(&document), "tests/data/briefing_structure.txt");
}

/// `got` against the golden outline at `golden` (rewritten with CARE_LEVERS_BLESS=1).
fn same_outline_as(got: &str, golden: &str) {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join(golden);
    if std::env::var_os("CARE_LEVERS_BLESS").is_some() {
        std::fs::write(&golden, got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    assert_eq!(
        got, want,
        "the briefing's structure changed; if meant, rerun with CARE_LEVERS_BLESS=1"
    );
}

/// The invest-to-save section (issue 31) in the Word briefing of the Derbyshire example: its
/// outline against tests/data/briefing_structure_invest_to_save.txt (blessed as above).
#[test]
fn the_word_briefing_carries_the_invest_to_save_case() {
    let document = word_document("derbyshire_2025_council_homes.ron");
    assert!(document.contains("Invest to save"));
    assert!(document.contains("Two council homes, 8 beds"));
    assert!(document.contains("Break-even occupancy"));
    let got = outline(&document);
    assert!(got.contains("Heading1: Invest to save"), "{got}");
    same_outline_as(&got, "tests/data/briefing_structure_invest_to_save.txt");
}

/// A scenario keeping a month's monitoring: two forecasts saved from a simulated list whose
/// child references start "SIM-", and two savings, written to `folder`.
fn monitored_scenario(folder: &Path) -> (PathBuf, care_levers::model::Scenario) {
    use care_levers::io::placement_list::simulate::simulate;
    use care_levers::model::episodes::Date;
    use care_levers::model::outturn::monthly_forecast;
    use care_levers::model::scenario::{PlannedSaving, SavingLine};
    let mut scenario =
        care_levers::io::scenario_file::load(&shipped("derbyshire_2025_council_homes.ron"))
            .unwrap()
            .scenario;
    let year = care_levers::model::FinancialYear { start_year: 2025 };
    scenario
        .budget
        .by_financial_year_gbp
        .insert(year, 45_000_000.0);
    let sim = simulate(600, 21, Date::from_ymd(2025, 9, 30).unwrap());
    assert!(sim.csv.contains("SIM-"));
    for day in [(2025, 8, 31), (2025, 9, 30)] {
        let as_at = Date::from_ymd(day.0, day.1, day.2).unwrap();
        let month = monthly_forecast(&scenario, &sim.placements, as_at, None, None);
        scenario.monitoring.save_snapshot(month.snapshot());
    }
    scenario.monitoring.savings = vec![
        PlannedSaving {
            line: SavingLine::CouncilHomes,
            financial_year: year.next(),
            planned_gbp: 400_000.0,
            delivered_gbp: None,
        },
        PlannedSaving {
            line: SavingLine::Other("Transport review".into()),
            financial_year: year,
            planned_gbp: 100_000.0,
            delivered_gbp: Some(80_000.0),
        },
    ];
    let path = folder.join("monitored.ron");
    care_levers::io::scenario_file::save(&path, &scenario).unwrap();
    (path, scenario)
}

/// The month's monitoring (issue 32) in the Word briefing: the latest saved forecast with its
/// movement, the high-cost placements and the savings tracked; its outline against
/// tests/data/briefing_structure_monitoring.txt; no child reference anywhere.
#[test]
fn the_word_briefing_carries_the_months_monitoring_and_no_child() {
    let folder = tempfile::tempdir().unwrap();
    let (path, _) = monitored_scenario(folder.path());
    assert!(!std::fs::read_to_string(&path).unwrap().contains("SIM-"));
    let document = word_document_of(&path);
    assert!(document.contains("Budget monitoring"));
    assert!(document.contains("since the forecast at 31/08/2025"));
    assert!(document.contains("Savings tracked"));
    assert!(document.contains("Transport review"));
    assert!(
        !document.contains("SIM-"),
        "a child reference in the briefing"
    );
    let got = outline(&document);
    assert!(got.contains("Heading1: Budget monitoring"), "{got}");
    same_outline_as(&got, "tests/data/briefing_structure_monitoring.txt");
}

/// The same in the exports: the monitoring, high-cost and savings tables as CSV and Excel, the
/// figures the model's, and no child reference in any file written.
#[test]
fn the_exports_carry_the_months_monitoring_and_no_child() {
    let folder = tempfile::tempdir().unwrap();
    let (path, scenario) = monitored_scenario(folder.path());
    let csv = folder.path().join("out.csv");
    let xlsx = folder.path().join("out.xlsx");
    let output = care_levers(&[
        "export",
        path.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let monitoring = std::fs::read_to_string(folder.path().join("out_monitoring.csv")).unwrap();
    let total = monitoring
        .lines()
        .find(|l| l.contains(",Total,"))
        .unwrap()
        .split(',')
        .map(String::from)
        .collect::<Vec<_>>();
    let latest = scenario.monitoring.snapshots.last().unwrap();
    assert_eq!(total[3].parse::<f64>().unwrap(), 45_000_000.0);
    assert_eq!(total[4].parse::<f64>().unwrap(), latest.forecast_gbp);
    let movement = latest.forecast_gbp - scenario.monitoring.snapshots[0].forecast_gbp;
    assert!((total[7].parse::<f64>().unwrap() - movement).abs() < 1e-6);
    let savings = std::fs::read_to_string(folder.path().join("out_savings.csv")).unwrap();
    assert!(
        savings.contains("Transport review,2025-26,100000,80000,entered,20000,Amber"),
        "{savings}"
    );
    for entry in std::fs::read_dir(folder.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("SIM-"));
    }
    use calamine::Reader;
    let workbook: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let names = workbook.sheet_names();
    assert!(
        names.contains(&"Budget monitoring".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"Savings tracked".to_string()), "{names:?}");
}
