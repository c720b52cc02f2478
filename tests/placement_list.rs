//! The placement list reader (issue 32): CSV and Excel read alike, every finding kind named,
//! and hostile files refused in words within seconds.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::placement_list::simulate::simulate;
use care_levers::io::placement_list::{ListError, MAX_LIST_ROWS, read};
use care_levers::model::episodes::Date;
use std::io::Write;
use std::time::Instant;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

#[test]
fn a_simulated_list_reads_back_as_simulated() {
    let sim = simulate(5_000, 7, day(2025, 9, 30));
    let list = read("sim.csv", sim.csv.as_bytes()).unwrap();
    assert!(list.findings.is_empty(), "{:?}", &list.findings[..3]);
    assert_eq!(list.rows, 5_000);
    assert_eq!(list.placements, sim.placements);
}

/// The simulated list as a council's Excel workbook: dates as date cells, fees as numbers, a
/// title sheet before the placements.
fn as_xlsx(csv: &str) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write(0, 0, "Exported from the case system")
        .unwrap();
    let sheet = workbook.add_worksheet().set_name("Placements").unwrap();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (row, line) in csv.lines().enumerate() {
        for (column, cell) in line.split(',').enumerate() {
            let (row, column) = (row as u32, column as u16);
            if let Some(date) = Date::parse(cell).filter(|_| row > 0) {
                let (y, m, d) = date.ymd();
                let date = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8).unwrap();
                sheet
                    .write_datetime_with_format(row, column, &date, &date_format)
                    .unwrap();
            } else if let (true, Ok(number)) = (row > 0 && column >= 3, cell.parse::<f64>()) {
                sheet.write_number(row, column, number).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(row, column, cell).unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn an_excel_list_reads_as_its_csv_does() {
    let sim = simulate(300, 11, day(2025, 12, 31));
    let bytes = as_xlsx(&sim.csv);
    let from_excel = read("placements.xlsx", &bytes).unwrap();
    let from_csv = read("placements.csv", sim.csv.as_bytes()).unwrap();
    assert!(from_excel.findings.is_empty(), "{:?}", from_excel.findings);
    assert_eq!(from_excel.placements, from_csv.placements);
    assert_eq!(from_excel.rows, 300);
}

#[test]
fn every_kind_of_bad_row_gets_its_own_finding() {
    let text = "Child ID,PLACE,PLACE_PROVIDER,Weekly Fee,Start Date,Planned End Date,DOB,UASC,Health,Education\n\
        A1,XX,,500,01/09/2025,,,,,\n\
        A2,U4,PR1,lots,01/09/2025,,,,,\n\
        A3,U4,PR1,500,31/02/2025,,,,,\n\
        A4,U4,PR1,500,01/09/2025,01/01/2025,,,,\n\
        A5,U4,PR1,500,01/09/2025,soon,,,,\n\
        A6,U4,PR1,0,01/09/2025,,,,,\n\
        A7,K2,PR4,7000,01/09/2025,,,,some,\n\
        A8,K2,PR4,7000,01/09/2025,,,,,n/a\n\
        A9,U4,PR1,500,01/09/2025,,02/09/2025,,,\n\
        A9,U4,PR1,500,01/09/2025,,,,,\n\
        A10,U4,PR1,500,1 Sept 2025,30-11-2025,12.03.2012,yes,,\n\
        A11,U4,PR1,500,45901,,,,,\n";
    let list = read("list.csv", text.as_bytes()).unwrap();
    let found: Vec<(usize, Option<&str>)> =
        list.findings.iter().map(|f| (f.row, f.column)).collect();
    assert_eq!(
        found,
        [
            (2, Some("placement_type")),
            (3, Some("weekly_cost")),
            (4, Some("start_date")),
            (5, Some("end_date")),
            (6, Some("end_date")),
            (7, Some("weekly_cost")),
            (8, Some("health_contribution")),
            (9, Some("education_contribution")),
            (10, Some("date_of_birth")),
            (11, Some("child_reference")),
        ]
    );
    // What was done, in words, for each kind.
    let words: Vec<&str> = list.findings.iter().map(|f| f.what.as_str()).collect();
    for (finding, done) in words.iter().zip([
        "row left out",
        "row left out",
        "row left out",
        "taken as open",
        "taken as open",
        "counted at £0",
        "counted as none",
        "counted as none",
        "age taken from the scenario's mix",
        "both kept",
    ]) {
        assert!(finding.contains(done), "{finding}");
    }
    // Rows left out: the first three; the other nine are kept.
    assert_eq!(list.rows, 12);
    assert_eq!(list.placements.len(), 9);
    // Dates in the other forms councils use, and an Excel serial day.
    let a10 = &list.placements[7];
    assert_eq!(a10.start, day(2025, 9, 1));
    assert_eq!(a10.end, Some(day(2025, 11, 30)));
    assert_eq!(a10.birth, Some(day(2012, 3, 12)));
    assert!(a10.uasc);
    assert_eq!(list.placements[8].start, day(2025, 9, 1));
}

#[test]
fn files_that_are_not_lists_are_refused_naming_why() {
    for (bytes, expected) in [
        (&b""[..], "not a placement list"),
        (b"\x00\x01\x02\xff", "not a placement list"),
        (b",,,\n1,2,3\n", "no column names"),
        (
            b"Child,Type,Start\nC1,ifa,01/01/2025\n",
            "no weekly_cost column",
        ),
        (b"PK\x03\x04 not really a zip", "not an Excel workbook"),
    ] {
        let error = read("list", bytes).unwrap_err().to_string();
        assert!(error.contains(expected), "{error}");
    }
    let mut long = String::from("Type,Weekly cost,Start\n");
    for _ in 0..=MAX_LIST_ROWS {
        long.push_str("ifa,900,01/04/2025\n");
    }
    let error = read("long.csv", long.as_bytes()).unwrap_err();
    assert!(matches!(error, ListError::TooLarge(..)), "{error}");
}

/// A zip holding one part of `megabytes` MB of the same bytes: a few hundred KB zipped.
fn bomb(name: &str, megabytes: usize, declared_honestly: bool) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    writer.start_file("[Content_Types].xml", options).unwrap();
    writer.write_all(b"<Types/>").unwrap();
    writer.start_file(name, options).unwrap();
    let block = "<row><c><v>1</v></c></row>".repeat(1024 * 1024 / 26);
    for _ in 0..megabytes {
        writer.write_all(block.as_bytes()).unwrap();
    }
    let mut bytes = writer.finish().unwrap().into_inner();
    if !declared_honestly {
        // Say in the central directory that every part unpacks to 1 KB.
        let mut at = 0;
        while let Some(found) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let header = at + found;
            bytes[header + 24..header + 28].copy_from_slice(&1024u32.to_le_bytes());
            at = header + 4;
        }
    }
    bytes
}

#[test]
fn an_excel_list_that_unpacks_to_hundreds_of_megabytes_is_refused_within_seconds() {
    for honest in [true, false] {
        let bytes = bomb("xl/worksheets/sheet1.xml", 300, honest);
        assert!(bytes.len() < 8 * 1024 * 1024, "{} bytes", bytes.len());
        let started = Instant::now();
        let error = read("placements.xlsx", &bytes).unwrap_err();
        let took = started.elapsed();
        eprintln!("declared honestly: {honest}; refused in {took:?}: {error}");
        assert!(
            matches!(error, ListError::TooLarge(..) | ListError::Unreadable(..)),
            "{error}"
        );
        let words = error.to_string();
        assert!(
            words.contains("unpacks to more than 256 MB") || words.contains("broken"),
            "{words}"
        );
        assert!(took.as_secs() < 10, "took {took:?}");
    }
}

#[test]
fn a_sheet_with_a_cell_a_million_rows_down_is_refused_not_filled_in() {
    use rust_xlsxwriter::Workbook;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write(0, 0, "Placement type").unwrap();
    sheet.write(0, 1, "Weekly cost").unwrap();
    sheet.write(0, 2, "Start date").unwrap();
    sheet.write(1_048_575, 16_383, "far away").unwrap();
    sheet.write(1_048_575, 0, "ifa").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let started = Instant::now();
    let error = read("placements.xlsx", &bytes).unwrap_err();
    assert!(
        error.to_string().contains("more than 200000 rows"),
        "{error}"
    );
    assert!(started.elapsed().as_secs() < 5);
}

/// Writes seeds for the `placement_list` fuzz target (scripts/fuzz.sh): small simulated lists as
/// CSV and as an Excel workbook. Run only when asked.
#[test]
#[ignore = "writes fuzz seeds when CARE_LEVERS_FUZZ_SEEDS names a folder"]
fn write_fuzz_seeds() {
    let Some(folder) = std::env::var_os("CARE_LEVERS_FUZZ_SEEDS") else {
        return;
    };
    let folder = std::path::PathBuf::from(folder);
    std::fs::create_dir_all(&folder).unwrap();
    for seed in 1..=3 {
        let sim = simulate(12, seed, day(2025, 9, 30));
        std::fs::write(folder.join(format!("simulated_{seed}.csv")), &sim.csv).unwrap();
        std::fs::write(
            folder.join(format!("simulated_{seed}.xlsx")),
            as_xlsx(&sim.csv),
        )
        .unwrap();
    }
}
