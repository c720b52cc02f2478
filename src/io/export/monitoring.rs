//! The finance officer's month as export rows (issue 32): the latest saved forecast's
//! budget-monitoring lines and its high-cost placements, and the savings tracked. The same in the
//! CSVs (`NAME_monitoring.csv`, `NAME_high_cost.csv`, `NAME_savings.csv`) and the Excel
//! workbook's "Budget monitoring" and "Savings tracked" sheets. Only totals are saved in a
//! scenario, so no export can carry a child reference.

use crate::model::outturn::latest_saved;
use crate::model::outturn::lines::{Line, lines};
use crate::model::outturn::savings::{DeliveredBy, SavingsTracker, track};
use crate::model::scenario::ForecastSnapshot;
use crate::model::{Projection, Scenario};
use crate::report::outturn as words;

/// The latest saved forecast and its lines (none saved: none).
pub fn monitoring_lines(scenario: &Scenario) -> Option<(&ForecastSnapshot, Vec<Line>)> {
    let (current, previous) = latest_saved(&scenario.monitoring)?;
    Some((current, lines(current, previous)))
}

fn number(value: Option<f64>) -> String {
    value
        .filter(|v| v.is_finite())
        .map(|v| v.to_string())
        .unwrap_or_default()
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The budget-monitoring CSV: the latest saved forecast's lines (none saved: none).
pub fn monitoring_csv(scenario: &Scenario) -> Result<Option<String>, csv::Error> {
    let Some((current, lines)) = monitoring_lines(scenario) else {
        return Ok(None);
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "financial_year",
        "as_at",
        "line",
        "budget_gbp",
        "forecast_gbp",
        "variance_gbp",
        "variance_percent",
        "movement_gbp",
    ])?;
    let (year, day) = (current.financial_year.to_string(), current.as_at.dfe());
    for l in lines {
        writer.write_record([
            year.as_str(),
            day.as_str(),
            words::line_name(l.kind),
            number(l.budget_gbp).as_str(),
            number(l.forecast_gbp).as_str(),
            number(l.variance_gbp).as_str(),
            number(l.variance_percent).as_str(),
            number(l.movement_gbp).as_str(),
        ])?;
    }
    finish(writer).map(Some)
}

/// The high-cost placements of the latest saved forecast (none saved, or none over £10,000 a
/// week: none).
pub fn high_cost_csv(scenario: &Scenario) -> Result<Option<String>, csv::Error> {
    let Some((current, _)) = latest_saved(&scenario.monitoring) else {
        return Ok(None);
    };
    if current.high_cost.is_empty() {
        return Ok(None);
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["as_at", "placement_type", "weekly_cost_gbp", "since"])?;
    for p in &current.high_cost {
        writer.write_record([
            current.as_at.dfe().as_str(),
            p.placement.key(),
            p.weekly_cost_gbp.to_string().as_str(),
            p.since.to_string().as_str(),
        ])?;
    }
    finish(writer).map(Some)
}

fn delivered_by(by: DeliveredBy) -> &'static str {
    match by {
        DeliveredBy::Model => "model",
        DeliveredBy::Entered => "entered",
        DeliveredBy::NoForecast => "no_forecast",
    }
}

/// The savings tracker CSV (no savings entered: none).
pub fn savings_csv(tracker: &SavingsTracker) -> Result<Option<String>, csv::Error> {
    if tracker.rows.is_empty() {
        return Ok(None);
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "saving",
        "financial_year",
        "planned_gbp",
        "delivered_gbp",
        "delivered_by",
        "slippage_gbp",
        "rag",
    ])?;
    for row in &tracker.rows {
        writer.write_record([
            words::saving_line(&row.line).as_str(),
            row.financial_year.to_string().as_str(),
            row.planned_gbp.to_string().as_str(),
            row.delivered_gbp.to_string().as_str(),
            delivered_by(row.delivered_by),
            row.slippage_gbp.to_string().as_str(),
            words::rag(Some(row.rag)),
        ])?;
    }
    finish(writer).map(Some)
}

/// The monitoring and savings CSVs beside the monthly table at `path`: (path, text) for each
/// that has something to say.
pub(super) fn csv_files(
    path: &std::path::Path,
    scenario: &Scenario,
    projection: &Projection,
) -> Result<Vec<(std::path::PathBuf, String)>, csv::Error> {
    let mut files = Vec::new();
    if let Some(text) = monitoring_csv(scenario)? {
        files.push((super::beside_csv_path(path, "monitoring"), text));
    }
    if let Some(text) = high_cost_csv(scenario)? {
        files.push((super::beside_csv_path(path, "high_cost"), text));
    }
    if let Some(text) = savings_csv(&track(scenario, projection))? {
        files.push((super::beside_csv_path(path, "savings"), text));
    }
    Ok(files)
}

/// The "Budget monitoring" sheet (the latest saved forecast's lines, then its high-cost
/// placements) and the "Savings tracked" sheet, where there is something to show.
pub(super) fn write_sheets(
    workbook: &mut rust_xlsxwriter::Workbook,
    scenario: &Scenario,
    projection: &Projection,
    bold: &rust_xlsxwriter::Format,
    money: &rust_xlsxwriter::Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let percent = rust_xlsxwriter::Format::new().set_num_format("0.0");
    if let Some((current, lines)) = monitoring_lines(scenario) {
        let sheet = workbook.add_worksheet();
        sheet.set_name("Budget monitoring")?;
        sheet.write_string_with_format(
            0,
            0,
            format!(
                "Budget monitoring, {}: forecast at {}",
                current.financial_year,
                current.as_at.dfe()
            ),
            bold,
        )?;
        let header = [
            "Line",
            "Budget",
            "Forecast",
            "Variance",
            "% of budget",
            "Movement",
        ];
        for (col, name) in header.iter().enumerate() {
            sheet.write_string_with_format(2, col as u16, *name, bold)?;
            sheet.set_column_width(col as u16, if col == 0 { 34.0 } else { 14.0 })?;
        }
        let mut row = 3;
        for l in &lines {
            sheet.write_string(row, 0, words::line_name(l.kind))?;
            for (col, value, format) in [
                (1, l.budget_gbp, money),
                (2, l.forecast_gbp, money),
                (3, l.variance_gbp, money),
                (4, l.variance_percent, &percent),
                (5, l.movement_gbp, money),
            ] {
                if let Some(value) = value.filter(|v| v.is_finite()) {
                    sheet.write_number_with_format(row, col, value, format)?;
                }
            }
            row += 1;
        }
        if !current.high_cost.is_empty() {
            row += 1;
            sheet.write_string_with_format(row, 0, "Placements over £10,000 a week", bold)?;
            row += 1;
            for (col, name) in ["Placement type", "£ a week", "Since"].iter().enumerate() {
                sheet.write_string_with_format(row, col as u16, *name, bold)?;
            }
            for p in &current.high_cost {
                row += 1;
                sheet.write_string(row, 0, p.placement.label())?;
                sheet.write_number_with_format(row, 1, p.weekly_cost_gbp, money)?;
                sheet.write_string(row, 2, p.since.short_label())?;
            }
        }
    }
    let tracker = track(scenario, projection);
    if !tracker.rows.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet.set_name("Savings tracked")?;
        let table = words::savings_table(&tracker);
        for (col, name) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, name, bold)?;
            sheet.set_column_width(col as u16, if col == 0 { 40.0 } else { 16.0 })?;
        }
        for (i, saving) in tracker.rows.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, words::saving_line(&saving.line))?;
            sheet.write_string(row, 1, saving.financial_year.to_string())?;
            sheet.write_number_with_format(row, 2, saving.planned_gbp, money)?;
            sheet.write_number_with_format(row, 3, saving.delivered_gbp, money)?;
            sheet.write_string(row, 4, &table.rows[i][4])?;
            sheet.write_number_with_format(row, 5, saving.slippage_gbp, money)?;
            sheet.write_string(row, 6, words::rag(Some(saving.rag)))?;
        }
        let total = tracker.rows.len() as u32 + 1;
        sheet.write_string_with_format(total, 0, "Total", bold)?;
        sheet.write_number_with_format(total, 2, tracker.planned_gbp, money)?;
        sheet.write_number_with_format(total, 3, tracker.delivered_gbp, money)?;
        sheet.write_number_with_format(total, 5, tracker.slippage_gbp, money)?;
    }
    Ok(())
}
