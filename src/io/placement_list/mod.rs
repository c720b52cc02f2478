//! A council's placement list as its systems export it (CSV or Excel `.xlsx`), read for the
//! forecast outturn (issue 32; the template in docs/outturn.md). Column names are matched flexibly (any case,
//! spaces and punctuation ignored, the names councils' extracts and DfE's placements data
//! standard use); every bad row gets a finding (row, column, what was wrong, what was done) and
//! nothing is dropped silently. The child reference is read only to find duplicates: it never
//! leaves this module (the model's [`ListedPlacement`] has none), so no export or briefing can
//! carry it.

use crate::model::PlacementType;
use crate::model::episodes::Date;
use crate::model::outturn::ListedPlacement;
use std::collections::HashMap;

pub mod simulate;
mod xlsx;

/// The most bytes read from one list: 64 MB (5,000 placements are under 1 MB).
pub const MAX_LIST_BYTES: usize = 64 * 1024 * 1024;

/// The most rows read from one list: 200,000 (a council's list is a few thousand).
pub const MAX_LIST_ROWS: usize = 200_000;

/// A column of the template and the names it is known by (compared without case, spaces or
/// punctuation).
struct Column {
    key: &'static str,
    names: &'static [&'static str],
    required: bool,
}

const COLUMNS: [Column; 10] = [
    Column {
        key: "child_reference",
        names: &[
            "childreference",
            "childref",
            "childid",
            "child",
            "personid",
            "lacid",
            "clientid",
        ],
        required: false,
    },
    Column {
        key: "placement_type",
        names: &[
            "placementtype",
            "place",
            "placementcode",
            "type",
            "placement",
        ],
        required: true,
    },
    Column {
        key: "provider_type",
        names: &["providertype", "placeprovider", "provider"],
        required: false,
    },
    Column {
        key: "weekly_cost",
        names: &[
            "weeklycost",
            "totalweeklycost",
            "weeklyfee",
            "costperweek",
            "weeklyrate",
            "fee",
            "cost",
        ],
        required: true,
    },
    Column {
        key: "start_date",
        names: &[
            "startdate",
            "start",
            "placementstartdate",
            "placementstart",
            "decom",
        ],
        required: true,
    },
    Column {
        key: "end_date",
        names: &[
            "enddate",
            "end",
            "plannedenddate",
            "actualenddate",
            "placementenddate",
            "dec",
        ],
        required: false,
    },
    Column {
        key: "date_of_birth",
        names: &[
            "dateofbirth",
            "dob",
            "birthdate",
            "childdob",
            "childdateofbirth",
        ],
        required: false,
    },
    Column {
        key: "uasc",
        names: &["uasc", "unaccompanied", "unaccompaniedasylumseekingchild"],
        required: false,
    },
    Column {
        key: "health_contribution",
        names: &["healthcontribution", "health", "healthcontributionperweek"],
        required: false,
    },
    Column {
        key: "education_contribution",
        names: &[
            "educationcontribution",
            "education",
            "educationcontributionperweek",
        ],
        required: false,
    },
];

/// What was wrong with a row, and what was done.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ListFinding {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The template's column, if one.
    pub column: Option<&'static str>,
    /// What was wrong and what was done, in words.
    pub what: String,
}

/// A list read: the placements (no child reference) and the findings.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacementList {
    /// The placements kept.
    pub placements: Vec<ListedPlacement>,
    /// Every row changed or left out, with why.
    pub findings: Vec<ListFinding>,
    /// Rows read (not counting the header).
    pub rows: usize,
}

/// Why a list cannot be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ListError {
    /// Not a CSV or Excel file, or empty.
    #[error("{0}: not a placement list that can be read ({1})")]
    Unreadable(String, String),
    /// A column the forecast needs is missing.
    #[error(
        "{file}: no {column} column (columns found: {found}); the template is in docs/outturn.md"
    )]
    MissingColumn {
        /// The file.
        file: String,
        /// The template's column.
        column: &'static str,
        /// The columns found.
        found: String,
    },
    /// Past the limits.
    #[error("{0}: {1}; nothing was read")]
    TooLarge(String, String),
}

/// A header as compared: lower case, letters and digits only.
fn squeeze(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The placement type a cell names: an SSDA903 PLACE code (with the provider for foster care),
/// the app's key or its words.
fn placement_type(cell: &str, provider: &str) -> Option<PlacementType> {
    let word = squeeze(cell);
    let by_words = match word.as_str() {
        "inhousefoster" | "inhousefostercare" | "inhouse" | "lafoster" => {
            Some(PlacementType::InHouseFoster)
        }
        "ifa" | "independentfosteringagency" | "agencyfoster" | "agencyfostering" => {
            Some(PlacementType::Ifa)
        }
        "kinship" | "kinshipcare" | "connectedcarers" | "familyandfriends" => {
            Some(PlacementType::Kinship)
        }
        "residential" | "residentialchildrenshome" | "childrenshome" => {
            Some(PlacementType::Residential)
        }
        "supported" | "supportedaccommodation" => Some(PlacementType::Supported),
        "withparentsother" | "placedwithparents" | "other" => Some(PlacementType::WithParentsOther),
        _ => None,
    };
    by_words.or_else(|| {
        match crate::model::episodes::codes::placement(cell, provider) {
            (crate::model::episodes::Placed::In(placement), None) => Some(placement),
            // A foster code with an unknown provider: in-house, as the SSDA903 import reads it.
            (
                crate::model::episodes::Placed::In(placement),
                Some(crate::model::episodes::codes::PlaceProblem::UnknownProvider),
            ) => Some(placement),
            _ => None,
        }
    })
}

/// Money as exported: "£1,234.50", "1234.5".
fn money(cell: &str) -> Option<f64> {
    let cleaned: String = cell
        .trim()
        .chars()
        .filter(|c| !matches!(c, '£' | ',' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Some(0.0);
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A date as councils' lists write it: `dd/mm/yyyy` or ISO (as SSDA903), `dd-mm-yyyy`,
/// `dd.mm.yyyy`, `1 April 2025` or `01-Apr-2025`, or an Excel serial day (45,748 is 1 April 2025)
/// where a spreadsheet lost the date's format.
pub fn list_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(date) = Date::parse(text) {
        return Some(date);
    }
    if let Ok(serial) = text.parse::<f64>() {
        // 1 January 1927 to 31 December 2173; Excel's day 25,569 is 1 January 1970.
        return (10_000.0..=100_000.0)
            .contains(&serial)
            .then(|| Date(serial.floor() as i32 - 25_569));
    }
    let parts: Vec<&str> = text
        .split(['-', '.', ' ', '/'])
        .filter(|part| !part.is_empty())
        .collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let month = month.parse::<u32>().ok().or_else(|| {
        let word = month.to_ascii_lowercase();
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        (word.len() >= 3)
            .then(|| MONTHS.iter().position(|m| word.starts_with(m)))
            .flatten()
            .map(|i| i as u32 + 1)
    })?;
    if year.len() != 4 {
        return None;
    }
    Date::from_ymd(year.parse().ok()?, month, day.parse().ok()?)
}

/// Reads a placement list from a CSV or Excel file, no further than [`MAX_LIST_BYTES`].
pub fn read_file(path: &std::path::Path) -> Result<PlacementList, ListError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|error| ListError::Unreadable(name.clone(), error.to_string()))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_LIST_BYTES as u64 + 1),
        &mut bytes,
    )
    .map_err(|error| ListError::Unreadable(name.clone(), error.to_string()))?;
    read(&name, &bytes)
}

/// Reads a placement list from the bytes of a CSV or Excel (`.xlsx`) file named `file`.
pub fn read(file: &str, bytes: &[u8]) -> Result<PlacementList, ListError> {
    if bytes.len() > MAX_LIST_BYTES {
        return Err(ListError::TooLarge(
            file.into(),
            format!(
                "{} MB, more than the {} MB read from one list",
                bytes.len().div_ceil(1024 * 1024),
                MAX_LIST_BYTES / 1024 / 1024
            ),
        ));
    }
    if xlsx::is_xlsx(bytes) {
        let (headers, rows) = xlsx::rows(file, bytes)?;
        return read_rows(file, &headers, rows.into_iter().map(Ok));
    }
    let (text, _) = crate::io::ssda903::read::decode(file, bytes)
        .map_err(|error| ListError::Unreadable(file.into(), error.to_string()))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| ListError::Unreadable(file.into(), error.to_string()))?
        .iter()
        .map(String::from)
        .collect();
    let rows = reader.into_records().map(|record| {
        record
            .map(|record| record.iter().map(String::from).collect())
            .map_err(|error| error.to_string())
    });
    read_rows(file, &headers, rows)
}

/// The rows of a list under `headers`, each its cells or why it could not be read, turned into
/// placements and findings.
fn read_rows(
    file: &str,
    headers: &[String],
    rows: impl Iterator<Item = Result<Vec<String>, String>>,
) -> Result<PlacementList, ListError> {
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(ListError::Unreadable(
            file.into(),
            "no column names on its first row".into(),
        ));
    }
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    for column in &COLUMNS {
        // The first header that any of the column's names matches.
        if let Some(index) = headers
            .iter()
            .position(|h| column.names.contains(&squeeze(h).as_str()))
        {
            at.insert(column.key, index);
        } else if column.required {
            return Err(ListError::MissingColumn {
                file: file.into(),
                column: column.key,
                found: headers.join(", "),
            });
        }
    }
    let mut list = PlacementList {
        placements: Vec::new(),
        findings: Vec::new(),
        rows: 0,
    };
    let mut seen: HashMap<(String, i32), usize> = HashMap::new();
    for (i, record) in rows.enumerate() {
        let row = i + 2;
        if i >= MAX_LIST_ROWS {
            return Err(ListError::TooLarge(
                file.into(),
                format!("more than {MAX_LIST_ROWS} rows"),
            ));
        }
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                list.findings.push(ListFinding {
                    row,
                    column: None,
                    what: format!("not readable ({error}): row left out"),
                });
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        list.rows += 1;
        let cell = |key: &str| {
            at.get(key)
                .and_then(|&i| record.get(i))
                .map_or("", |cell| cell.trim())
        };
        let mut note = |column, what: String| {
            list.findings.push(ListFinding { row, column, what });
        };
        let Some(placement) = placement_type(cell("placement_type"), cell("provider_type")) else {
            note(
                Some("placement_type"),
                format!(
                    "\"{}\" is not a placement type or SSDA903 PLACE code: row left out",
                    cell("placement_type")
                ),
            );
            continue;
        };
        let Some(weekly) = money(cell("weekly_cost")).filter(|w| *w >= 0.0) else {
            note(
                Some("weekly_cost"),
                format!(
                    "\"{}\" is not a weekly cost in pounds: row left out",
                    cell("weekly_cost")
                ),
            );
            continue;
        };
        let Some(start) = list_date(cell("start_date")) else {
            note(
                Some("start_date"),
                format!(
                    "\"{}\" is not a date (dd/mm/yyyy or yyyy-mm-dd): row left out",
                    cell("start_date")
                ),
            );
            continue;
        };
        let end_text = cell("end_date");
        let end = if end_text.is_empty() {
            None
        } else {
            match list_date(end_text) {
                Some(end) if end >= start => Some(end),
                Some(_) => {
                    note(
                        Some("end_date"),
                        format!("ends before it starts ({end_text}): taken as open"),
                    );
                    None
                }
                None => {
                    note(
                        Some("end_date"),
                        format!("\"{end_text}\" is not a date: taken as open"),
                    );
                    None
                }
            }
        };
        if weekly == 0.0 {
            note(
                Some("weekly_cost"),
                "no weekly cost: counted at £0 (check the list)".into(),
            );
        }
        let contribution =
            |key: &'static str, note: &mut dyn FnMut(Option<&'static str>, String)| {
                money(cell(key)).unwrap_or_else(|| {
                    note(
                        Some(key),
                        format!("\"{}\" is not an amount: counted as none", cell(key)),
                    );
                    0.0
                })
            };
        let contributions = contribution("health_contribution", &mut note)
            + contribution("education_contribution", &mut note);
        let birth_text = cell("date_of_birth");
        let birth = if birth_text.is_empty() {
            None
        } else {
            let birth = list_date(birth_text).filter(|birth| *birth <= start);
            if birth.is_none() {
                note(
                    Some("date_of_birth"),
                    format!(
                        "\"{birth_text}\" is not a date of birth on or before the start: age taken from the scenario's mix"
                    ),
                );
            }
            birth
        };
        let child = cell("child_reference").to_string();
        if !child.is_empty()
            && let Some(first) = seen.insert((child, start.0), row)
        {
            note(
                Some("child_reference"),
                format!(
                    "the same child and start date as row {first}: both kept (check for a duplicate)"
                ),
            );
        }
        list.placements.push(ListedPlacement {
            placement,
            weekly_cost_gbp: weekly,
            start,
            end,
            uasc: matches!(squeeze(cell("uasc")).as_str(), "1" | "y" | "yes" | "true"),
            contributions_gbp_per_week: contributions,
            birth,
        });
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_matched_however_councils_name_them_and_bad_rows_are_named() {
        let text = "Child Ref,Placement Type,Provider,Weekly Cost (£),Start Date,Planned End Date,UASC\n\
                    C1,K2,PR4,\"£7,000.00\",01/06/2024,,N\n\
                    C2,U4,PR1,650,2025-09-01,31/12/2025,\n\
                    C3,ifa,,980,01/09/2025,,\n\
                    C4,XX,,500,01/09/2025,,\n\
                    C5,ifa,,lots,01/09/2025,,\n\
                    C6,ifa,,800,32/13/2025,,\n\
                    C7,ifa,,800,01/09/2025,01/01/2025,Y\n";
        let list = read("list.csv", text.as_bytes()).expect("readable");
        assert_eq!(list.rows, 7);
        assert_eq!(list.placements.len(), 4);
        assert_eq!(list.placements[0].placement, PlacementType::Residential);
        assert_eq!(list.placements[0].weekly_cost_gbp, 7_000.0);
        assert_eq!(list.placements[1].placement, PlacementType::InHouseFoster);
        assert_eq!(list.placements[2].placement, PlacementType::Ifa);
        assert!(list.placements[3].uasc && list.placements[3].end.is_none());
        let rows: Vec<(usize, Option<&str>)> =
            list.findings.iter().map(|f| (f.row, f.column)).collect();
        assert_eq!(
            rows,
            [
                (5, Some("placement_type")),
                (6, Some("weekly_cost")),
                (7, Some("start_date")),
                (8, Some("end_date"))
            ]
        );
    }

    #[test]
    fn a_list_without_a_weekly_cost_is_refused_naming_the_columns() {
        let error = read("list.csv", b"Child,Type,Start\nC1,ifa,01/01/2025\n").unwrap_err();
        assert!(
            error.to_string().contains("no weekly_cost column"),
            "{error}"
        );
        assert!(error.to_string().contains("Child, Type, Start"), "{error}");
        assert!(matches!(
            read("x.csv", b"\x00\x01\x02").unwrap_err(),
            ListError::Unreadable(..)
        ));
    }
}
