//! The projection as JSON and CSV, for `care-levers run` and for officers' spreadsheets.

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
    budget_gbp: f64,
    overspend_gbp: f64,
    investment_gbp: f64,
    gross_saving_gbp: f64,
    net_saving_gbp: f64,
    cumulative_net_saving_gbp: f64,
}

#[derive(Serialize)]
struct JsonProjection {
    scenario: String,
    opening_looked_after: f64,
    opening_annual_spend_gbp: f64,
    payback_month: Option<String>,
    total_investment_gbp: f64,
    months: Vec<JsonMonth>,
    years: Vec<JsonYear>,
}

fn by_placement_map(values: &crate::model::ByPlacement<f64>) -> BTreeMap<&'static str, f64> {
    PlacementType::ALL
        .iter()
        .map(|&p| (p.key(), values[p]))
        .collect()
}

/// The projection as pretty JSON: `months` and `years`, as documented in the README.
pub fn to_json(scenario_name: &str, projection: &Projection) -> Result<String, serde_json::Error> {
    let output = JsonProjection {
        scenario: scenario_name.to_string(),
        opening_looked_after: projection.opening_looked_after,
        opening_annual_spend_gbp: projection.opening_annual_spend_gbp,
        payback_month: projection.payback.month().map(|m| m.to_string()),
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
            })
            .collect(),
    };
    serde_json::to_string_pretty(&output)
}

/// The column names of the monthly CSV table, in order.
pub fn monthly_csv_header() -> Vec<String> {
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
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    header
}

/// The monthly table as CSV, one row per month.
pub fn monthly_csv(projection: &Projection) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(monthly_csv_header())?;
    for m in &projection.months {
        let mut row = vec![
            m.month.to_string(),
            m.looked_after.to_string(),
            m.baseline_looked_after.to_string(),
        ];
        row.extend(
            PlacementType::ALL
                .iter()
                .map(|&p| m.by_placement[p].to_string()),
        );
        row.extend(
            [
                m.entries,
                m.exits,
                m.spend_gbp,
                m.baseline_spend_gbp,
                m.investment_gbp,
                m.gross_saving_gbp,
                m.net_saving_gbp,
                m.cumulative_net_saving_gbp,
                m.in_house_capacity,
            ]
            .iter()
            .map(|v| v.to_string()),
        );
        writer.write_record(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
