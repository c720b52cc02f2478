//! `care-levers forecast`: the financial year's forecast outturn from a placement list, with a
//! scenario's budget, new placements, saved forecasts and savings where one is given; it can save
//! the month's totals in the scenario and start a scenario from the list.

use super::*;
use crate::model::outturn::{NewPlacements, monthly_forecast, savings, scenario_from_list};
use crate::report::chart::DataTable;
use crate::report::outturn as words;

/// A table as aligned text.
fn table_text(table: &DataTable) -> String {
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
    for row in &table.rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        format!("  {}\n", padded.join("  ").trim_end())
    };
    let mut text = format!("{}\n", table.caption);
    text.push_str(&line(&table.header));
    for row in &table.rows {
        text.push_str(&line(row));
    }
    text
}

/// Runs `forecast`.
pub(super) fn execute(args: &ForecastArgs) -> Outcome {
    let Some(as_at) = crate::io::placement_list::list_date(&args.as_at) else {
        return Outcome::bad_input(format!(
            "--as-at: \"{}\" is not a date (yyyy-mm-dd or dd/mm/yyyy)",
            args.as_at
        ));
    };
    let name = args.list.display().to_string();
    let list = match crate::io::placement_list::read_file(&args.list) {
        Ok(list) => list,
        Err(error) => return Outcome::bad_input(error),
    };
    let (mut scenario, mut stderr) = match &args.scenario {
        Some(path) => match load_with_overrides(path, &[]) {
            Ok(loaded) => loaded,
            Err(failed) => return failed,
        },
        None => match scenario_file::blank_council() {
            Ok(mut blank) => {
                // No scenario: nothing but what is entered here.
                blank.budget.by_financial_year_gbp.clear();
                blank.monitoring.new_placements =
                    Some(crate::model::scenario::NewPlacementsEntry {
                        per_month: 0.0,
                        weekly_cost_gbp: 0.0,
                    });
                (blank, String::new())
            }
            Err(error) => return Outcome::failure(error),
        },
    };
    // The scenario as its file has it, to save this month's forecast in (without the flags below).
    let as_in_file = args.save.then(|| scenario.clone());
    let year = crate::model::outturn::monitor::financial_year_of(as_at);
    if let Some(budget) = args.budget {
        scenario.budget.by_financial_year_gbp.insert(year, budget);
    }
    if let Some(income) = args.other_income {
        scenario.monitoring.other_income_gbp = income;
    }
    let entered_new =
        args.new_per_month
            .zip(args.new_weekly_cost)
            .map(|(per_month, weekly_cost_gbp)| NewPlacements {
                per_month,
                weekly_cost_gbp,
                cost_share_by_type: None,
            });
    let month = monthly_forecast(
        &scenario,
        &list.placements,
        as_at,
        args.spend_to_date,
        entered_new,
    );
    // With a scenario: its projection, for its savings and its year beside the forecast.
    let projection = args
        .scenario
        .as_ref()
        .map(|_| crate::model::project(&scenario));
    let tracker = projection
        .as_ref()
        .map(|projection| savings::track(&scenario, projection));
    stderr.push_str(&format!(
        "read {} rows of {name}: {} placements kept, {} findings\n",
        list.rows,
        list.placements.len(),
        list.findings.len()
    ));
    for finding in &list.findings {
        stderr.push_str(&format!(
            "row {}{}: {}\n",
            finding.row,
            finding.column.map_or(String::new(), |c| format!(", {c}")),
            finding.what
        ));
    }
    let mut stdout = if args.json {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            as_at: crate::model::episodes::Date,
            forecast: &'a crate::model::outturn::Forecast,
            months: &'a [crate::model::outturn::BuildUpMonth],
            previous: Option<&'a crate::model::scenario::ForecastSnapshot>,
            movement_gbp: Option<f64>,
            new_placements_from: crate::model::outturn::NewPlacementsFrom,
            savings: Option<&'a savings::SavingsTracker>,
            findings: &'a [crate::io::placement_list::ListFinding],
        }
        match serde_json::to_string_pretty(&Json {
            as_at,
            forecast: &month.forecast,
            months: &month.months,
            previous: month.previous.as_ref(),
            movement_gbp: month.movement_gbp(),
            new_placements_from: month.new_placements_from,
            savings: tracker.as_ref(),
            findings: &list.findings,
        }) {
            Ok(text) => text + "\n",
            Err(error) => return Outcome::failure(error),
        }
    } else {
        let mut text = format!("{}\n{}\n", words::headline(&month), words::method(&month));
        if let Some(beside) = projection
            .as_ref()
            .and_then(|p| words::beside_projection(&month, &scenario, p))
        {
            text.push_str(&beside);
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&table_text(&words::monitoring_table(&month)));
        if !month.forecast.high_cost.is_empty() {
            text.push('\n');
            text.push_str(&table_text(&words::high_cost_table(&month)));
        }
        if let Some(tracker) = &tracker {
            text.push('\n');
            text.push_str(&words::savings_words(tracker));
            text.push('\n');
            if !tracker.rows.is_empty() {
                text.push_str(&table_text(&words::savings_table(tracker)));
            }
        }
        text
    };
    if let (Some(mut saved), Some(path)) = (as_in_file, &args.scenario) {
        saved.monitoring.save_snapshot(month.snapshot());
        saved.monitoring_sources();
        if let Err(error) = scenario_file::save(path, &saved) {
            return Outcome::save_failed(error);
        }
        stderr.push_str(&format!(
            "saved the forecast at {} in {}\n",
            as_at.dfe(),
            path.display()
        ));
    }
    if let Some(out) = &args.start_scenario {
        let (mut started, summary) = scenario_from_list(&scenario, &list.placements, as_at);
        if args.scenario.is_none() {
            started.name = format!("From the placement list at {}", as_at.dfe());
        }
        match write_made_scenario(out, &started, "the scenario started from the list") {
            Ok(wrote) => {
                stderr.push_str(&wrote);
                if summary.under_16_in_supported > 0.0 {
                    stderr.push_str(&format!(
                        "note: {} children under 16 in supported accommodation are counted with residential care\n",
                        crate::report::format::count(summary.under_16_in_supported)
                    ));
                }
                if summary.ages_from_mix > 0 {
                    stderr.push_str(&format!(
                        "note: {} placements have no date of birth: their ages follow the scenario's mix\n",
                        summary.ages_from_mix
                    ));
                }
            }
            Err(failed) => return failed,
        }
    }
    if !args.json {
        stdout.push('\n');
    }
    Outcome {
        stdout,
        stderr,
        code: EXIT_OK,
    }
}
