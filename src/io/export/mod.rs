//! The projection as JSON and CSV, for `care-levers run` and for officers' spreadsheets.

mod cases;
pub mod monitoring;
pub use cases::{CaseRow, CaseValue, case_rows, invest_to_save_csv};

use crate::model::{PlacementType, Projection};
use serde::Serialize;
use std::collections::BTreeMap;

/// One month in JSON output.
#[derive(Serialize)]
struct JsonMonth {
    month: String,
    looked_after: f64,
    baseline_looked_after: f64,
    by_placement: BTreeMap<&'static str, f64>,
    baseline_by_placement: BTreeMap<&'static str, f64>,
    entries: f64,
    exits: f64,
    spend_gbp: f64,
    baseline_spend_gbp: f64,
    investment_gbp: f64,
    gross_saving_gbp: f64,
    net_saving_gbp: f64,
    cumulative_net_saving_gbp: f64,
    in_house_capacity: f64,
    /// Unaccompanied asylum-seeking children in care (in `looked_after`), their gross spend
    /// and the Home Office grant (`spend_gbp` is net of it).
    uasc_looked_after: f64,
    uasc_gross_spend_gbp: f64,
    uasc_grant_gbp: f64,
    /// The council's other children-looked-after spend, apart from placements.
    other_cla_spend_gbp: f64,
    /// Children in residential care's high-cost tier (over £10,000 a week; 0 without one).
    high_cost_looked_after: f64,
    /// What the price levers did in the month (only where one is pulled).
    #[serde(skip_serializing_if = "Option::is_none")]
    price_levers: Option<crate::model::price_levers::PriceLeverMonth>,
}

/// One financial year in JSON output.
#[derive(Serialize)]
struct JsonYear {
    financial_year: String,
    months_covered: u32,
    looked_after_at_end: f64,
    baseline_looked_after_at_end: f64,
    spend_gbp: f64,
    baseline_spend_gbp: f64,
    budget_gbp: Option<f64>,
    overspend_gbp: Option<f64>,
    investment_gbp: f64,
    gross_saving_gbp: f64,
    net_saving_gbp: f64,
    cumulative_net_saving_gbp: f64,
    /// UASC gross spend and the Home Office grant (`spend_gbp` is net of it).
    uasc_gross_spend_gbp: f64,
    uasc_grant_gbp: f64,
    /// The council's other children-looked-after spend, apart from placements and the budget.
    other_cla_spend_gbp: f64,
    /// The change in `spend_gbp` from the year before, and its split into volume, mix, price
    /// and the grant (docs/model.md 3.6; null for the first year and part years).
    spend_change_gbp: Option<f64>,
    spend_change_volume_gbp: Option<f64>,
    spend_change_mix_gbp: Option<f64>,
    spend_change_price_gbp: Option<f64>,
    spend_change_grant_gbp: Option<f64>,
    /// What the price levers did in the year (only where one is pulled).
    #[serde(skip_serializing_if = "Option::is_none")]
    price_levers: Option<crate::model::price_levers::PriceLeverMonth>,
}

#[derive(Serialize)]
struct JsonBandMonth {
    month: String,
    looked_after: crate::model::Percentiles,
    spend_gbp: crate::model::Percentiles,
}

#[derive(Serialize)]
struct JsonBandYear {
    financial_year: String,
    overspend_probability: f64,
}

#[derive(Serialize)]
struct JsonBands {
    draws: usize,
    seed: u64,
    target_probability: Option<f64>,
    months: Vec<JsonBandMonth>,
    years: Vec<JsonBandYear>,
}

#[derive(Serialize)]
struct JsonPriceLevers {
    #[serde(flatten)]
    cases: crate::model::price_levers::Cases,
    /// By financial year, the share of Monte Carlo draws in which the council homes have paid
    /// back their capital (only with homes and draws).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    homes_payback_probability: Vec<JsonProbability>,
}

#[derive(Serialize)]
struct JsonProbability {
    financial_year: String,
    probability: f64,
}

#[derive(Serialize)]
struct JsonProjection {
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<JsonBands>,
    scenario: String,
    opening_looked_after: f64,
    opening_annual_spend_gbp: f64,
    payback_month: Option<String>,
    total_investment_gbp: f64,
    /// The net saving over the horizon at today's value, discounted at the Green Book's 3.5%.
    net_present_value_gbp: f64,
    /// The price levers' invest-to-save cases (none pulled: left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    price_levers: Option<JsonPriceLevers>,
    months: Vec<JsonMonth>,
    years: Vec<JsonYear>,
}

fn by_placement_map(values: &crate::model::ByPlacement<f64>) -> BTreeMap<&'static str, f64> {
    PlacementType::ALL
        .iter()
        .map(|&p| (p.key(), values[p]))
        .collect()
}

/// The projection as JSON, with Monte Carlo percentiles under `uncertainty` if given.
pub fn to_json_with_bands(
    scenario: &crate::model::Scenario,
    projection: &Projection,
    bands: Option<&crate::model::Bands>,
) -> Result<String, serde_json::Error> {
    let cases = crate::model::price_levers::Cases::of(scenario, projection);
    // The month's and year's price-lever figures only where a price lever is pulled (step-down
    // alone has its case, but nothing to show month by month).
    let pulled = !scenario.price_levers.is_none();
    let price_levers = (!cases.is_empty()).then(|| JsonPriceLevers {
        cases,
        homes_payback_probability: bands
            .map(|b| {
                b.homes_payback_probability
                    .iter()
                    .map(|(year, p)| JsonProbability {
                        financial_year: year.to_string(),
                        probability: *p,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    });
    let uncertainty = bands.map(|b| JsonBands {
        draws: b.draws,
        seed: b.seed,
        target_probability: b.target_probability,
        months: b
            .months
            .iter()
            .zip(b.looked_after.iter().zip(&b.spend_gbp))
            .map(|(month, (looked_after, spend))| JsonBandMonth {
                month: month.to_string(),
                looked_after: *looked_after,
                spend_gbp: *spend,
            })
            .collect(),
        years: b
            .overspend_probability
            .iter()
            .map(|(year, p)| JsonBandYear {
                financial_year: year.to_string(),
                overspend_probability: *p,
            })
            .collect(),
    });
    let output = JsonProjection {
        uncertainty,
        scenario: scenario.name.clone(),
        price_levers,
        opening_looked_after: projection.opening_looked_after,
        opening_annual_spend_gbp: projection.opening_annual_spend_gbp,
        payback_month: projection.payback.month().map(|m| m.to_string()),
        net_present_value_gbp: projection
            .net_present_value_gbp(crate::model::council_homes::GREEN_BOOK_DISCOUNT_PERCENT),
        total_investment_gbp: projection.total_investment_gbp(),
        months: projection
            .months
            .iter()
            .map(|m| JsonMonth {
                month: m.month.to_string(),
                looked_after: m.looked_after,
                baseline_looked_after: m.baseline_looked_after,
                by_placement: by_placement_map(&m.by_placement),
                baseline_by_placement: by_placement_map(&m.baseline_by_placement),
                entries: m.entries,
                exits: m.exits,
                spend_gbp: m.spend_gbp,
                baseline_spend_gbp: m.baseline_spend_gbp,
                investment_gbp: m.investment_gbp,
                gross_saving_gbp: m.gross_saving_gbp,
                net_saving_gbp: m.net_saving_gbp,
                cumulative_net_saving_gbp: m.cumulative_net_saving_gbp,
                in_house_capacity: m.in_house_capacity,
                uasc_looked_after: m.uasc_looked_after,
                uasc_gross_spend_gbp: m.uasc_gross_spend_gbp,
                uasc_grant_gbp: m.uasc_grant_gbp,
                other_cla_spend_gbp: m.other_cla_spend_gbp,
                high_cost_looked_after: m.high_cost_looked_after,
                price_levers: pulled.then_some(m.price_levers),
            })
            .collect(),
        years: projection
            .years
            .iter()
            .map(|y| JsonYear {
                financial_year: y.financial_year.to_string(),
                months_covered: y.months_covered,
                looked_after_at_end: y.looked_after_at_end,
                baseline_looked_after_at_end: y.baseline_looked_after_at_end,
                spend_gbp: y.spend_gbp,
                baseline_spend_gbp: y.baseline_spend_gbp,
                budget_gbp: y.budget_gbp,
                overspend_gbp: y.overspend_gbp,
                investment_gbp: y.investment_gbp,
                gross_saving_gbp: y.gross_saving_gbp,
                net_saving_gbp: y.net_saving_gbp,
                cumulative_net_saving_gbp: y.cumulative_net_saving_gbp,
                uasc_gross_spend_gbp: y.uasc_gross_spend_gbp,
                uasc_grant_gbp: y.uasc_grant_gbp,
                other_cla_spend_gbp: y.other_cla_spend_gbp,
                spend_change_gbp: y.change.map(|c| c.total_gbp),
                spend_change_volume_gbp: y.change.map(|c| c.volume_gbp),
                spend_change_mix_gbp: y.change.map(|c| c.mix_gbp),
                spend_change_price_gbp: y.change.map(|c| c.price_gbp),
                spend_change_grant_gbp: y.change.map(|c| c.grant_gbp),
                price_levers: pulled.then_some(y.price_levers),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&output)
}

/// The column names of the monthly CSV table, in order.
pub(crate) fn monthly_csv_header() -> Vec<String> {
    let mut header: Vec<String> = ["month", "looked_after", "baseline_looked_after"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(PlacementType::ALL.iter().map(|p| p.key().to_string()));
    header.extend(
        [
            "entries",
            "exits",
            "spend_gbp",
            "baseline_spend_gbp",
            "investment_gbp",
            "gross_saving_gbp",
            "net_saving_gbp",
            "cumulative_net_saving_gbp",
            "in_house_capacity",
            "uasc_looked_after",
            "uasc_gross_spend_gbp",
            "uasc_grant_gbp",
            "other_cla_spend_gbp",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    header
}

/// A table of figures: column names, then rows of a label (a month or a financial year)
/// followed by its numbers. The CSV files and the Excel sheets are written from the same tables.
pub struct Table {
    /// Column names, the label's first.
    pub header: Vec<String>,
    /// One row per month or year: its label and its numbers (None: blank, e.g. a budget not
    /// entered).
    pub rows: Vec<(String, Vec<Option<f64>>)>,
}

/// The monthly table.
pub(crate) fn monthly_table(projection: &Projection) -> Table {
    Table {
        header: monthly_csv_header(),
        rows: projection
            .months
            .iter()
            .map(|m| {
                let values = month_values(m).into_iter().map(Some).collect();
                (m.month.to_string(), values)
            })
            .collect(),
    }
}

/// The financial-year table.
pub(crate) fn yearly_table(projection: &Projection) -> Table {
    Table {
        header: yearly_csv_header().iter().map(|s| s.to_string()).collect(),
        rows: projection
            .years
            .iter()
            .map(|y| (y.financial_year.to_string(), year_values(y).to_vec()))
            .collect(),
    }
}

fn table_csv(table: &Table) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&table.header)?;
    for (label, values) in &table.rows {
        let mut row = vec![label.clone()];
        row.extend(
            values
                .iter()
                .map(|v| v.map(|v| v.to_string()).unwrap_or_default()),
        );
        writer.write_record(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The monthly table as CSV, one row per month.
pub fn monthly_csv(projection: &Projection) -> Result<String, csv::Error> {
    table_csv(&monthly_table(projection))
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The CSV text could not be made.
    #[error("cannot write the CSV table: {0}")]
    Csv(#[from] csv::Error),
    /// The Excel workbook could not be made.
    #[error("cannot write the Excel workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] crate::io::scenario_file::ScenarioFileError),
}

/// The column names of the financial-year CSV table, in order (the JSON `years` fields): the
/// year, then [`crate::report::table::YEAR_COLUMNS`].
pub fn yearly_csv_header() -> Vec<&'static str> {
    std::iter::once(crate::report::table::YEAR_KEY)
        .chain(crate::report::table::YEAR_COLUMNS.iter().map(|c| c.key))
        .collect()
}

/// A backtest as CSV: one row a later count.
pub fn backtest_csv(backtest: &crate::model::outcome::Backtest) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "month",
        "projected",
        "do_nothing",
        "counted",
        "error",
        "error_percent",
        "p10",
        "p90",
        "inside_band",
        "source",
    ])?;
    for p in &backtest.points {
        writer.write_record([
            p.month.to_string(),
            p.projected.to_string(),
            p.do_nothing.to_string(),
            p.counted.to_string(),
            p.error.to_string(),
            p.error_percent.to_string(),
            p.p10.to_string(),
            p.p90.to_string(),
            p.inside_band.to_string(),
            p.source.clone(),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(std::io::Error::other(error.to_string())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// An all-council backtest as CSV: one row a council, origin and horizon.
pub fn council_backtest_csv(
    result: &crate::io::councils::AllCouncilBacktest,
) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "code",
        "name",
        "origin",
        "years_ahead",
        "at_origin",
        "projected",
        "p10",
        "p90",
        "counted",
        "inside_band",
        "no_change",
        "linear_trend",
    ])?;
    for f in &result.forecasts {
        writer.write_record([
            f.code.clone(),
            f.name.clone(),
            f.origin.to_string(),
            f.years_ahead.to_string(),
            f.at_origin.to_string(),
            f.projected.to_string(),
            f.p10.to_string(),
            f.p90.to_string(),
            f.counted.to_string(),
            f.inside_band().to_string(),
            f.no_change.to_string(),
            f.linear_trend.to_string(),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(std::io::Error::other(error.to_string())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The money backtest as CSV: one row a council and origin (the fields of
/// [`crate::io::money_backtest::MoneyForecast`]; blank where not published).
pub fn money_backtest_csv(
    result: &crate::io::money_backtest::MoneyBacktest,
) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for forecast in &result.forecasts {
        writer.serialize(forecast)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(std::io::Error::other(error.to_string())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A financial year's numbers in the order of [`yearly_csv_header`] (after the year itself).
pub fn year_values(
    y: &crate::model::YearFigures,
) -> [Option<f64>; crate::report::table::YEAR_COLUMNS.len()] {
    crate::report::table::YEAR_COLUMNS.map(|c| (c.value)(y))
}

/// A month's numbers in the order of [`monthly_csv_header`] (after the month itself).
pub(crate) fn month_values(m: &crate::model::MonthFigures) -> Vec<f64> {
    let mut values = vec![m.looked_after, m.baseline_looked_after];
    values.extend(PlacementType::ALL.iter().map(|&p| m.by_placement[p]));
    values.extend([
        m.entries,
        m.exits,
        m.spend_gbp,
        m.baseline_spend_gbp,
        m.investment_gbp,
        m.gross_saving_gbp,
        m.net_saving_gbp,
        m.cumulative_net_saving_gbp,
        m.in_house_capacity,
        m.uasc_looked_after,
        m.uasc_gross_spend_gbp,
        m.uasc_grant_gbp,
        m.other_cla_spend_gbp,
    ]);
    values
}

/// The financial-year table as CSV, one row per financial year.
pub(crate) fn yearly_csv(projection: &Projection) -> Result<String, csv::Error> {
    table_csv(&yearly_table(projection))
}

/// Where the financial-year table goes beside a monthly CSV: `plan.csv` → `plan_years.csv`.
pub(crate) fn years_csv_path(monthly: &std::path::Path) -> std::path::PathBuf {
    beside_csv_path(monthly, "years")
}

/// A table's path beside a monthly CSV: `plan.csv` with "years" → `plan_years.csv`.
pub(crate) fn beside_csv_path(monthly: &std::path::Path, table: &str) -> std::path::PathBuf {
    let stem = monthly
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "projection".into());
    monthly.with_file_name(format!("{stem}_{table}.csv"))
}

/// Writes the monthly table to `path` and the financial-year table beside it (see
/// [`years_csv_path`]), and where a price lever is pulled its cases beside them (see
/// [`cases::invest_to_save_csv_path`]). Returns the paths written.
pub fn write_csv_files(
    path: &std::path::Path,
    scenario: &crate::model::Scenario,
    projection: &Projection,
) -> Result<Vec<std::path::PathBuf>, ExportError> {
    let years_path = years_csv_path(path);
    crate::io::scenario_file::write_atomically(path, monthly_csv(projection)?.as_bytes())?;
    crate::io::scenario_file::write_atomically(&years_path, yearly_csv(projection)?.as_bytes())?;
    let mut written = vec![path.to_path_buf(), years_path];
    let cases = crate::model::price_levers::Cases::of(scenario, projection);
    if !cases.is_empty() {
        let cases_path = cases::invest_to_save_csv_path(path);
        crate::io::scenario_file::write_atomically(
            &cases_path,
            invest_to_save_csv(&cases)?.as_bytes(),
        )?;
        written.push(cases_path);
    }
    for (beside, text) in monitoring::csv_files(path, scenario, projection)? {
        crate::io::scenario_file::write_atomically(&beside, text.as_bytes())?;
        written.push(beside);
    }
    Ok(written)
}

/// Every setting of a scenario as (field path, value, source) rows, for the assumptions sheet.
pub(crate) fn assumption_rows(scenario: &crate::model::Scenario) -> Vec<(String, String, String)> {
    fn walk(
        prefix: &str,
        value: &serde_json::Value,
        scenario: &crate::model::Scenario,
        rows: &mut Vec<(String, String, String)>,
    ) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    if path == "sources" {
                        continue;
                    }
                    walk(&path, inner, scenario, rows);
                }
            }
            other => {
                let text = match other {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => "none".into(),
                    v => v.to_string(),
                };
                let source = scenario.source_for(prefix).unwrap_or("").to_string();
                rows.push((prefix.to_string(), text, source));
            }
        }
    }
    let mut rows = Vec::new();
    if let Ok(tree) = serde_json::to_value(scenario) {
        walk("", &tree, scenario, &mut rows);
    }
    if let Some(references) = scenario.sources.get("references") {
        rows.push(("references".into(), String::new(), references.clone()));
    }
    rows
}

/// Writes an Excel workbook with three sheets: the monthly table, the financial-year table and
/// the assumptions (every setting with its source).
pub fn write_xlsx(
    path: &std::path::Path,
    scenario: &crate::model::Scenario,
    projection: &Projection,
) -> Result<(), ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("£#,##0");
    let count = Format::new().set_num_format("#,##0.0");

    for (name, table, width) in [
        ("Monthly", monthly_table(projection), 16.0),
        ("Financial years", yearly_table(projection), 18.0),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        for (col, column) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, column, &bold)?;
            sheet.set_column_width(col as u16, width)?;
        }
        for (i, (label, values)) in table.rows.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, label)?;
            for (j, (value, column)) in values.iter().zip(&table.header[1..]).enumerate() {
                let format = if column.ends_with("_gbp") {
                    &money
                } else {
                    &count
                };
                // A figure not entered (a budget) stays a blank cell.
                if let Some(value) = value {
                    sheet.write_number_with_format(row, j as u16 + 1, *value, format)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 1)?;
    }

    let cases = crate::model::price_levers::Cases::of(scenario, projection);
    if !cases.is_empty() {
        cases::write_sheet(workbook.add_worksheet(), &cases, &bold, &money, &count)?;
    }
    monitoring::write_sheets(&mut workbook, scenario, projection, &bold, &money)?;

    let assumptions = workbook.add_worksheet();
    assumptions.set_name("Assumptions")?;
    for (col, name) in ["Field", "Value", "Source"].iter().enumerate() {
        assumptions.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    assumptions.set_column_width(0, 52)?;
    assumptions.set_column_width(1, 16)?;
    assumptions.set_column_width(2, 120)?;
    for (i, (field, value, source)) in assumption_rows(scenario).into_iter().enumerate() {
        let row = i as u32 + 1;
        assumptions.write_string(row, 0, field)?;
        match value.parse::<f64>() {
            Ok(number) if number.is_finite() => assumptions.write_number(row, 1, number)?,
            _ => assumptions.write_string(row, 1, value)?,
        };
        assumptions.write_string(row, 2, source)?;
    }

    let bytes = workbook.save_to_buffer()?;
    crate::io::scenario_file::write_atomically(path, &bytes)?;
    Ok(())
}
