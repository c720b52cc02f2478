//! `care-levers forecast`: the financial year's forecast outturn from a placement list.

use super::*;
use crate::model::outturn::{ForecastInputs, NewPlacements, Rag, forecast};
use crate::report::format;

/// Runs `forecast`.
pub(super) fn execute(args: &ForecastArgs) -> Outcome {
    let Some(as_at) = crate::model::episodes::Date::parse(&args.as_at) else {
        return Outcome::bad_input(format!(
            "--as-at: \"{}\" is not a date (yyyy-mm-dd or dd/mm/yyyy)",
            args.as_at
        ));
    };
    let bytes = match std::fs::read(&args.list) {
        Ok(bytes) => bytes,
        Err(error) => {
            return Outcome::bad_input(format!("cannot read {}: {error}", args.list.display()));
        }
    };
    let name = args.list.display().to_string();
    let list = match crate::io::placement_list::read(&name, &bytes) {
        Ok(list) => list,
        Err(error) => return Outcome::bad_input(error),
    };
    let financial_year = as_at.month().map_or(
        crate::model::FinancialYear {
            start_year: as_at.ymd().0,
        },
        |m| m.financial_year(),
    );
    let inputs = ForecastInputs {
        financial_year,
        as_at,
        spend_to_date_gbp: args.spend_to_date,
        new_placements: NewPlacements {
            per_month: args.new_per_month,
            weekly_cost_gbp: args.new_weekly_cost,
        },
        other_income_gbp: args.other_income,
        budget_gbp: args.budget,
    };
    let result = forecast(&list.placements, &inputs);
    let mut stderr = format!(
        "read {} rows of {name}: {} placements kept, {} findings\n",
        list.rows,
        list.placements.len(),
        list.findings.len()
    );
    for finding in &list.findings {
        stderr.push_str(&format!(
            "row {}{}: {}\n",
            finding.row,
            finding.column.map_or(String::new(), |c| format!(", {c}")),
            finding.what
        ));
    }
    let stdout = if args.json {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            forecast: &'a crate::model::outturn::Forecast,
            findings: &'a [crate::io::placement_list::ListFinding],
        }
        match serde_json::to_string_pretty(&Json {
            forecast: &result,
            findings: &list.findings,
        }) {
            Ok(text) => text + "\n",
            Err(error) => return Outcome::failure(error),
        }
    } else {
        let rag = match result.rag {
            Some(Rag::Green) => "green",
            Some(Rag::Amber) => "amber",
            Some(Rag::Red) => "red",
            None => "no budget entered",
        };
        let mut text = format!(
            "Forecast outturn {} at {}: {}\n",
            result.financial_year,
            as_at.dfe(),
            format::money(result.forecast_gbp)
        );
        text.push_str(&format!(
            "  spend to date {}; committed to 31 March {}; new placements {}; income {}\n",
            format::money(result.spend_to_date_gbp),
            format::money(result.committed_gbp),
            format::money(result.new_placements_gbp),
            format::money(result.income_gbp)
        ));
        text.push_str(&format!(
            "  budget {}; variance {}{}; {rag}\n",
            format::budget(result.budget_gbp),
            format::overspend_or_none(result.variance_gbp),
            result.variance_percent.map_or(String::new(), |p| format!(
                " ({}% of budget)",
                format::number(p, 1)
            ))
        ));
        text.push_str(&format!("  open placements {}\n", result.open_placements));
        if !result.high_cost.is_empty() {
            text.push_str("  over £10,000 a week, dearest first:\n");
            for (placement, weekly, start) in &result.high_cost {
                text.push_str(&format!(
                    "    {} £{} a week since {}\n",
                    placement.label(),
                    format::number(*weekly, 0),
                    start.dfe()
                ));
            }
        }
        text
    };
    Outcome {
        stdout,
        stderr,
        code: EXIT_OK,
    }
}
