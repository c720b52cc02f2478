//! Exit rates calibrated to the year's ceased count and its split by reason.

use super::figures::{CouncilFigures, get, sum_of};
use super::trend::mean_flow;
use super::tuning::GAP_KEPT;
use crate::model::placement::{AgeBand, ByAgeBand, StockTotals};
use crate::model::projection::run;
use crate::model::scenario::{Exits, Scenario};

/// Exit rates calibrated to the ceased count in the year to 31 March `year` and its reasons.
pub(super) fn fit_exits(
    s: &mut Scenario,
    figures: &CouncilFigures,
    year: i32,
    notes: &mut Vec<String>,
) {
    // The rates are for the other children: UASC, counted apart, have their own leaving rate
    // and are left out of the trial runs.
    let uasc = s.uasc.take();
    fit_exit_rates(s, figures, year, notes);
    s.uasc = uasc;
}

fn fit_exit_rates(s: &mut Scenario, figures: &CouncilFigures, year: i32, notes: &mut Vec<String>) {
    let y = year.to_string();
    let ceased = &figures.ceased;
    let Some((mean_ceased, years_ceased)) = mean_flow(ceased, year) else {
        notes.push(format!(
            "Children leaving care not published for the year to 31 March {year}: England's exit rates used."
        ));
        return;
    };
    // The rates carry on GAP_KEPT of the recent gap between starts and leavers.
    let gap = s.entries.per_year - mean_ceased;
    let total = (s.entries.per_year - GAP_KEPT * gap).max(0.0);
    let last_year_total = get(ceased, &y, "total").unwrap_or(mean_ceased);
    let group_or_parts = |group: &str, parts: &[&str]| -> f64 {
        get(ceased, &y, group)
            .or_else(|| sum_of(ceased, &y, parts))
            .unwrap_or(0.0)
    };
    let permanence = group_or_parts(
        "reason_group_adoption",
        &[
            "reason_adopted",
            "reason_adopted_application_unopposed",
            "reason_adopted_consent_dispensed",
        ],
    ) + group_or_parts(
        "reason_group_sgo",
        &[
            "reason_sgo",
            "reason_sgo_former_foster_carers",
            "reason_sgo_other_carers",
        ],
    ) + group_or_parts(
        "reason_group_residence_order_cao",
        &["reason_residence_order_or_cao"],
    );
    let home = group_or_parts(
        "reason_group_returned_home",
        &[
            "reason_returned_home_to_parents_or_relatives_pre2015",
            "reason_returned_home_part_of_care_plan",
            "reason_returned_home_not_part_of_care_plan",
            "reason_left_to_live_with_relatives_no_pr",
        ],
    );
    // Leavers at 18 are the model's own ageing out: the rates cover the rest.
    let mut no_rates = s.clone();
    for rates in [
        &mut no_rates.exits.return_home_percent_per_month,
        &mut no_rates.exits.adoption_sgo_percent_per_month,
        &mut no_rates.exits.other_percent_per_month,
    ] {
        *rates = ByAgeBand::splat(0.0);
    }
    no_rates.horizon_years = 1;
    let at_18: f64 = run(&no_rates).iter().map(|m| m.exits).sum();
    let by_rate = (total - at_18).max(0.0);
    // The year's reasons, scaled to the leavers the rates are fitted to.
    let scale = if last_year_total > 0.0 {
        total / last_year_total
    } else {
        1.0
    };
    let (permanence, home) = (permanence * scale, home * scale);
    let named = permanence + home;
    let (permanence, home) = if named > by_rate && named > 0.0 {
        (permanence * by_rate / named, home * by_rate / named)
    } else {
        (permanence, home)
    };
    let other = (by_rate - permanence - home).max(0.0);
    // First order: each reason's England age pattern, scaled to its share.
    let stock = &s.opening_looked_after;
    let expected = |rates: &ByAgeBand<f64>| -> f64 {
        AgeBand::ALL
            .iter()
            .map(|&b| stock.in_age_band(b) * rates[b] / 100.0 * 12.0)
            .sum()
    };
    for (rates, wanted) in [
        (&mut s.exits.adoption_sgo_percent_per_month, permanence),
        (&mut s.exits.return_home_percent_per_month, home),
        (&mut s.exits.other_percent_per_month, other),
    ] {
        let now = expected(rates);
        let factor = if now > 0.0 { wanted / now } else { 0.0 };
        for b in AgeBand::ALL {
            rates[b] = (rates[b] * factor).clamp(0.0, 50.0);
        }
    }
    // Then one factor on all the rates, so a year's run gives the published total.
    let base = s.exits.clone();
    let exits_with = |k: f64, s: &Scenario| -> f64 {
        let mut trial = s.clone();
        trial.horizon_years = 1;
        scale_exit_rates(&mut trial.exits, &base, k, |rate| rate);
        run(&trial).iter().map(|m| m.exits).sum()
    };
    let (mut low, mut high) = (0.0, 4.0);
    for _ in 0..40 {
        let mid = (low + high) / 2.0;
        if exits_with(mid, s) < total {
            low = mid;
        } else {
            high = mid;
        }
    }
    let k = (low + high) / 2.0;
    // Rounded to four places so saved files stay readable.
    scale_exit_rates(&mut s.exits, &base, k, |rate| {
        (rate * 10_000.0).round() / 10_000.0
    });
    s.sources.insert(
        "exits".into(),
        format!(
            "Calibrated so that a year from the start gives {} children leaving care: a year on average over the {years_ceased} year(s) to 31 March {year} (DfE, ceased){}, split by reason as in the last year ({} by adoption, SGO or residence order, {} returning home); England's age pattern within each reason (docs/model.md 9.2).",
            total.round() as i64,
            if GAP_KEPT < 1.0 { format!(", moved {:.0}% of the way to the starts", (1.0 - GAP_KEPT) * 100.0) } else { String::new() },
            permanence.round() as i64, home.round() as i64
        ),
    );
}

/// Sets every exit rate to `base`'s times `k`, kept within 0-50% a month, then `finish`ed (the
/// trial runs keep every digit; the fitted rates are rounded).
fn scale_exit_rates(exits: &mut Exits, base: &Exits, k: f64, finish: impl Fn(f64) -> f64) {
    for (rates, base) in [
        (
            &mut exits.return_home_percent_per_month,
            &base.return_home_percent_per_month,
        ),
        (
            &mut exits.adoption_sgo_percent_per_month,
            &base.adoption_sgo_percent_per_month,
        ),
        (
            &mut exits.other_percent_per_month,
            &base.other_percent_per_month,
        ),
    ] {
        for b in AgeBand::ALL {
            rates[b] = finish((base[b] * k).clamp(0.0, 50.0));
        }
    }
}
