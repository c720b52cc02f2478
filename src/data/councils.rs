//! England's councils and their published figures, embedded in the program from
//! `assets/councils/*.csv` (rebuilt from the published tables by
//! `scripts/build_council_data.py`).
//!
//! Source: DfE Children looked after in England including adoptions; DfE Section 251 outturn /
//! LA and school expenditure; ONS mid-year population estimates; Ofsted Fostering in England.
//! Contains public sector information licensed under the Open Government Licence v3.0.

use crate::model::fit::{CouncilFigures, EnglandFigures, Figures, england_figures};
use crate::model::neighbours::{Comparison, CouncilNumbers, Measure, compare, england};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The attribution the Open Government Licence asks for.
pub const ATTRIBUTION: &str = "Source: DfE Children looked after in England including adoptions; \
DfE Section 251 outturn / LA and school expenditure; ONS mid-year population estimates; Ofsted \
Fostering in England. Contains public sector information licensed under the Open Government \
Licence v3.0.";

const COUNCILS: &str = include_str!("../../assets/councils/councils.csv");
const LOOKED_AFTER: &str = include_str!("../../assets/councils/looked_after.csv");
const STARTS: &str = include_str!("../../assets/councils/starts.csv");
const CEASED: &str = include_str!("../../assets/councils/ceased.csv");
const SPEND: &str = include_str!("../../assets/councils/spend.csv");
const POPULATION: &str = include_str!("../../assets/councils/population.csv");
const NEIGHBOURS: &str = include_str!("../../assets/councils/statistical_neighbours.csv");

/// One council in the list.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Council {
    /// DfE three-digit code, e.g. "926".
    pub code: String,
    /// ONS code, e.g. "E10000020".
    pub ons_code: String,
    /// Name, e.g. "Norfolk".
    pub name: String,
    /// Region.
    pub region: String,
    /// First and last 31 March years with a published count.
    pub first_year: Option<i32>,
    /// See `first_year`.
    pub last_year: Option<i32>,
    /// Reorganisations and special cases.
    pub note: String,
    /// Children in care at the latest published 31 March.
    pub latest_looked_after: Option<f64>,
}

impl Council {
    /// Whether the council no longer exists: abolished or merged in a reorganisation (its note
    /// says so, e.g. Bournemouth, merged into Bournemouth, Christchurch and Poole in 2019). Its
    /// figures stop at its last 31 March; a scenario for today should start from its successor.
    pub fn is_former(&self) -> bool {
        let note = self.note.to_lowercase();
        note.contains("abolished") || note.contains("merged into")
    }
}

/// Why the shipped data cannot be read or a council found.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DataError {
    /// A shipped table does not read (a fault in the build, reported rather than hidden).
    #[error("the shipped council data ({table}) cannot be read: {reason}")]
    Unreadable {
        /// Which table.
        table: String,
        /// Why.
        reason: String,
    },
    /// No council matches.
    #[error(
        "no council matches `{0}`: give a name (e.g. Norfolk) or a DfE code (e.g. 926); `care-levers councils` lists them"
    )]
    NotFound(String),
    /// The council is not in DfE's list of statistical neighbours.
    #[error(
        "{0} is not in DfE's list of statistical neighbours (May 2025), so it has none to compare with"
    )]
    NoNeighbours(String),
    /// Several councils match.
    #[error("`{given}` matches several councils: {matches}")]
    Ambiguous {
        /// What was given.
        given: String,
        /// The names that match.
        matches: String,
    },
}

/// Which of a council's tables a shipped file fills.
type TablePick = fn(&mut CouncilFigures) -> &mut Figures;

/// Every council's figures.
#[derive(Debug)]
pub struct CouncilData {
    councils: Vec<Council>,
    figures: BTreeMap<String, CouncilFigures>,
    england: EnglandFigures,
    /// Each council's statistical neighbours (DfE, May 2025), closest first.
    neighbours: BTreeMap<String, Vec<String>>,
}

fn read_table(
    name: &str,
    text: &str,
    mut put: impl FnMut(&str, &str, &str, f64),
) -> Result<(), DataError> {
    let unreadable = |reason: String| DataError::Unreadable {
        table: name.to_string(),
        reason,
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| unreadable(e.to_string()))?
        .clone();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(e.to_string()))?;
        let (Some(code), Some(year)) = (record.get(0), record.get(1)) else {
            continue;
        };
        for (measure, value) in headers.iter().zip(record.iter()).skip(2) {
            if value.is_empty() {
                continue;
            }
            let value: f64 = value.parse().map_err(|_| {
                unreadable(format!(
                    "{code} {year} {measure}: `{value}` is not a number"
                ))
            })?;
            put(code, year, measure, value);
        }
    }
    Ok(())
}

/// The text of the five council tables (CSV), as shipped in `assets/councils/`.
#[derive(Clone, Copy, Debug)]
pub struct CouncilTables<'a> {
    /// councils.csv: code, ONS code, name, region, first and last year, note.
    pub councils: &'a str,
    /// looked_after.csv: children looked after at 31 March, by measure.
    pub looked_after: &'a str,
    /// starts.csv: children starting to be looked after in the year.
    pub starts: &'a str,
    /// ceased.csv: children who ceased to be looked after in the year.
    pub ceased: &'a str,
    /// spend.csv: S251 outturn spend.
    pub spend: &'a str,
}

impl CouncilTables<'static> {
    /// The tables built into the program.
    pub const SHIPPED: CouncilTables<'static> = CouncilTables {
        councils: COUNCILS,
        looked_after: LOOKED_AFTER,
        starts: STARTS,
        ceased: CEASED,
        spend: SPEND,
    };
}

impl CouncilData {
    /// Reads the embedded tables.
    pub fn load() -> Result<CouncilData, DataError> {
        CouncilData::from_tables(&CouncilTables::SHIPPED)?.with_comparisons(POPULATION, NEIGHBOURS)
    }

    /// Adds children's population (`la_code,year,population_0_17`) and DfE's statistical
    /// neighbours (`la_code,rank,neighbour_la_code,closeness`), for comparisons.
    pub(crate) fn with_comparisons(
        mut self,
        population: &str,
        neighbours: &str,
    ) -> Result<CouncilData, DataError> {
        let unreadable = |table: &str, reason: String| DataError::Unreadable {
            table: table.into(),
            reason,
        };
        let mut reader = csv::Reader::from_reader(population.as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| unreadable("population", e.to_string()))?;
            let (Some(code), Some(year), Some(count)) =
                (record.get(0), record.get(1), record.get(2))
            else {
                continue;
            };
            let (Ok(year), Ok(count)) = (year.parse::<i32>(), count.parse::<f64>()) else {
                return Err(unreadable(
                    "population",
                    format!("{code}: `{year}`, `{count}` are not a year and a number"),
                ));
            };
            // Kept with the council's figures: the fit (the UASC grant rate) and comparisons.
            if let Some(figures) = self.figures.get_mut(code) {
                figures.population.insert(year, count);
            }
        }
        let mut ranked: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
        let mut reader = csv::Reader::from_reader(neighbours.as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| unreadable("statistical_neighbours", e.to_string()))?;
            let (Some(code), Some(rank), Some(neighbour)) =
                (record.get(0), record.get(1), record.get(2))
            else {
                continue;
            };
            let rank: u32 = rank.parse().map_err(|_| {
                unreadable(
                    "statistical_neighbours",
                    format!("{code}: rank `{rank}` is not a number"),
                )
            })?;
            ranked
                .entry(code.to_string())
                .or_default()
                .push((rank, neighbour.to_string()));
        }
        for (code, mut list) in ranked {
            list.sort();
            self.neighbours
                .insert(code, list.into_iter().map(|(_, n)| n).collect());
        }
        Ok(self)
    }

    /// A council's published numbers for comparisons (counts by year, children's population).
    pub fn numbers(&self, code: &str) -> Option<CouncilNumbers> {
        let figures = self.figures.get(code)?;
        let by_year = |table: &Figures, measure: &str| -> BTreeMap<i32, f64> {
            table
                .iter()
                .filter_map(|(year, values)| Some((year.parse().ok()?, *values.get(measure)?)))
                .collect()
        };
        Some(CouncilNumbers {
            code: figures.code.clone(),
            name: figures.name.clone(),
            looked_after: by_year(&figures.looked_after, "total"),
            starts: by_year(&figures.starts, "total"),
            residential: by_year(
                &figures.looked_after,
                "placement_secure_homes_and_childrens_homes_2020on",
            ),
            population: figures.population.clone(),
        })
    }

    /// A council's statistical neighbours' codes, closest first (none if it is not listed).
    pub fn neighbours_of(&self, code: &str) -> &[String] {
        self.neighbours.get(code).map_or(&[], Vec::as_slice)
    }

    /// The council coded `code` beside its statistical neighbours and England on `measure`.
    pub fn compare_with_neighbours(
        &self,
        code: &str,
        measure: Measure,
    ) -> Result<Comparison, DataError> {
        let council = self
            .numbers(code)
            .ok_or_else(|| DataError::NotFound(code.to_string()))?;
        let neighbour_codes = self.neighbours_of(code);
        if neighbour_codes.is_empty() {
            return Err(DataError::NoNeighbours(council.name));
        }
        let neighbours: Vec<CouncilNumbers> = neighbour_codes
            .iter()
            .filter_map(|code| self.numbers(code))
            .collect();
        let everyone: Vec<CouncilNumbers> = self
            .councils_with_counts()
            .iter()
            .filter_map(|c| self.numbers(&c.code))
            .collect();
        let england = england(&everyone.iter().collect::<Vec<_>>());
        Ok(compare(
            measure,
            &council,
            &neighbours.iter().collect::<Vec<_>>(),
            &england,
        ))
    }

    /// Reads council tables given as text (the shipped ones, or others in the same layout).
    pub fn from_tables(tables: &CouncilTables<'_>) -> Result<CouncilData, DataError> {
        let mut figures: BTreeMap<String, CouncilFigures> = BTreeMap::new();
        let mut councils = Vec::new();
        let mut reader = csv::Reader::from_reader(tables.councils.as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| DataError::Unreadable {
                table: "councils".into(),
                reason: e.to_string(),
            })?;
            let field = |i: usize| record.get(i).unwrap_or_default().to_string();
            let council = Council {
                code: field(0),
                ons_code: field(1),
                name: field(2),
                region: field(3),
                first_year: field(4).parse().ok(),
                last_year: field(5).parse().ok(),
                note: field(6),
                latest_looked_after: None,
            };
            figures.insert(
                council.code.clone(),
                CouncilFigures {
                    code: council.code.clone(),
                    name: council.name.clone(),
                    region: council.region.clone(),
                    ..CouncilFigures::default()
                },
            );
            councils.push(council);
        }
        let tables: [(&str, &str, TablePick); 4] = [
            ("looked_after", tables.looked_after, |c| &mut c.looked_after),
            ("starts", tables.starts, |c| &mut c.starts),
            ("ceased", tables.ceased, |c| &mut c.ceased),
            ("spend", tables.spend, |c| &mut c.spend),
        ];
        for (name, text, table) in tables {
            read_table(name, text, |code, year, measure, value| {
                if let Some(council) = figures.get_mut(code) {
                    table(council)
                        .entry(year.to_string())
                        .or_default()
                        .insert(measure.to_string(), value);
                }
            })?;
        }
        for council in &mut councils {
            council.latest_looked_after = council.last_year.and_then(|year| {
                figures
                    .get(&council.code)?
                    .looked_after
                    .get(&year.to_string())?
                    .get("total")
                    .copied()
            });
        }
        let all: Vec<CouncilFigures> = figures.values().cloned().collect();
        let england = england_figures(&all);
        Ok(CouncilData {
            councils,
            figures,
            england,
            neighbours: BTreeMap::new(),
        })
    }

    /// The shipped data, read once.
    pub fn shipped() -> Result<&'static CouncilData, DataError> {
        static DATA: OnceLock<Result<CouncilData, DataError>> = OnceLock::new();
        DATA.get_or_init(CouncilData::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Every council, in DfE code order.
    pub fn councils(&self) -> &[Council] {
        &self.councils
    }

    /// Councils with a published count (the ones a scenario can be made for), by name.
    pub fn councils_with_counts(&self) -> Vec<&Council> {
        let mut list: Vec<&Council> = self
            .councils
            .iter()
            .filter(|c| c.last_year.is_some())
            .collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    }

    /// A council's figures.
    pub fn figures(&self, code: &str) -> Option<&CouncilFigures> {
        self.figures.get(code)
    }

    /// England's medians and shares.
    pub fn england(&self) -> &EnglandFigures {
        &self.england
    }

    /// The council named or coded `given` (a DfE code, an ONS code, or a name: whole, or the
    /// start of one name only; any case).
    pub fn find(&self, given: &str) -> Result<&Council, DataError> {
        let wanted = given.trim().to_lowercase();
        if let Some(council) = self.councils.iter().find(|c| {
            c.code == wanted
                || c.ons_code.to_lowercase() == wanted
                || c.name.to_lowercase() == wanted
        }) {
            return Ok(council);
        }
        let matches: Vec<&Council> = self
            .councils
            .iter()
            .filter(|c| c.name.to_lowercase().contains(&wanted))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(DataError::NotFound(given.to_string())),
            many => Err(DataError::Ambiguous {
                given: given.to_string(),
                matches: many
                    .iter()
                    .map(|c| format!("{} ({})", c.name, c.code))
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// Councils whose name, region or code contains `text` (any case), with a count: names
    /// starting with it first, then names containing it, then the rest, each by name.
    pub fn search(&self, text: &str) -> Vec<&Council> {
        let wanted = text.trim().to_lowercase();
        let mut found: Vec<&Council> = self
            .councils_with_counts()
            .into_iter()
            .filter(|c| {
                wanted.is_empty()
                    || c.name.to_lowercase().contains(&wanted)
                    || c.region.to_lowercase().contains(&wanted)
                    || c.code.contains(&wanted)
            })
            .collect();
        // Names that start with the text, then names that contain it, then the rest; a stable
        // sort keeps the name order within each group.
        found.sort_by_key(|c| {
            let name = c.name.to_lowercase();
            if name.starts_with(&wanted) {
                0
            } else if name.contains(&wanted) {
                1
            } else {
                2
            }
        });
        found
    }
}
