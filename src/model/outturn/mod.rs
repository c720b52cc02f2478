//! The finance officer's month (issue 32): the financial year's forecast outturn from the
//! placement list, as children's finance teams forecast it each month (docs/outturn.md).
//!
//! Forecast outturn = spend to date + each open placement's weekly cost to its end date or 31
//! March ("known commitments") + the new placements expected − income (health and education
//! contributions on the placements, and any other income entered). Pure: the list comes in as
//! placements without child references (the reader keeps those to itself).

use super::episodes::Date;
use super::placement::{ByPlacement, PlacementType};
use super::scenario::{ForecastSnapshot, HighCostPlacement, Monitoring};
use super::time::{FinancialYear, Month};

pub mod from_list;
pub mod lines;
pub mod monitor;
pub mod savings;

pub use from_list::{
    Agreement, StartedFromList, agreement, new_placements_from, scenario_from_list,
};
pub use monitor::{MonthlyForecast, NewPlacementsFrom, monthly_forecast};

/// One placement on the list, as the model needs it (no child reference).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ListedPlacement {
    /// The placement type.
    pub placement: PlacementType,
    /// £ a week the council pays for it.
    pub weekly_cost_gbp: f64,
    /// The first day of the placement.
    pub start: Date,
    /// Its last day, if ended or planned to end; none: open to 31 March and beyond.
    pub end: Option<Date>,
    /// True for an unaccompanied asylum-seeking child.
    pub uasc: bool,
    /// £ a week paid towards it by health and education.
    pub contributions_gbp_per_week: f64,
    /// The child's date of birth, if the list gives it (for the opening children's ages when a
    /// scenario starts from the list; never exported).
    pub birth: Option<Date>,
}

impl ListedPlacement {
    /// The last day it is paid for up to `year_end`: its end date; without one, the day before
    /// the child's 18th birthday (a child leaves care at 18) where the list gives a date of birth,
    /// or `year_end`.
    pub fn last_day(&self, year_end: Date) -> Date {
        let leaves_care = self
            .birth
            .map(|birth| Date(birth.years_later(18).0.saturating_sub(1)));
        self.end.or(leaves_care).unwrap_or(year_end).min(year_end)
    }
}

/// New placements the forecast allows for, from the day after the forecast to 31 March.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct NewPlacements {
    /// Placements starting a month (an average; starts spread evenly over the days left).
    pub per_month: f64,
    /// £ a week each costs.
    pub weekly_cost_gbp: f64,
    /// How their cost divides between placement types (shares adding up to 1), where known (from
    /// the scenario's mix); none for a number entered.
    pub cost_share_by_type: Option<ByPlacement<f64>>,
}

impl NewPlacements {
    /// £ they cost from the day after `as_at` to the end of `day`: starts spread evenly over the
    /// days, each running on, so that d days on they have cost n a day × £ a week ÷ 7 × d² ÷ 2.
    fn cost_by(&self, as_at: Date, day: Date) -> f64 {
        let per_day = self.per_month.max(0.0) * 12.0 / 365.25;
        let days = f64::from((day.0 - as_at.0).max(0));
        per_day * self.weekly_cost_gbp.max(0.0) / 7.0 * days * days / 2.0
    }
}

/// What the forecast is made from, besides the list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForecastInputs {
    /// The financial year forecast.
    pub financial_year: FinancialYear,
    /// The forecast is made at the end of this day: spend to date runs to it, commitments from
    /// the next.
    pub as_at: Date,
    /// £ spent to date as the ledger says; none: worked out from the list.
    pub spend_to_date_gbp: Option<f64>,
    /// The new placements allowed for.
    pub new_placements: NewPlacements,
    /// £ of other income for the year (e.g. the Home Office grant for UASC).
    pub other_income_gbp: f64,
    /// £ budget for the year, if entered.
    pub budget_gbp: Option<f64>,
}

/// How far a forecast is from its budget, in the colours committee reports use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Rag {
    /// On or under budget.
    Green,
    /// Over budget by up to [`AMBER_UP_TO_PERCENT`] of it.
    Amber,
    /// Over budget by more.
    Red,
}

/// An overspend of up to this % of budget is amber, beyond it red (an assumption: councils'
/// monitoring reports use thresholds of 1% to 5%; enter their own when a report does).
pub const AMBER_UP_TO_PERCENT: f64 = 2.0;

/// A placement over this a week is listed as high cost (the LGA's survey's threshold).
pub const HIGH_COST_GBP_PER_WEEK: f64 = 10_000.0;

/// The forecast.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Forecast {
    /// The financial year.
    pub financial_year: FinancialYear,
    /// £ spent to date (entered, or worked out from the list).
    pub spend_to_date_gbp: f64,
    /// £ the open placements cost from the day after the forecast to their end or 31 March.
    pub committed_gbp: f64,
    /// £ the new placements expected cost to 31 March.
    pub new_placements_gbp: f64,
    /// £ income: contributions on the listed placements for the year, and other income.
    pub income_gbp: f64,
    /// £ forecast outturn: spend to date + committed + new − income.
    pub forecast_gbp: f64,
    /// £ budget, if entered.
    pub budget_gbp: Option<f64>,
    /// £ forecast − budget (negative: an underspend), if a budget is entered.
    pub variance_gbp: Option<f64>,
    /// The variance as % of the budget.
    pub variance_percent: Option<f64>,
    /// Its colour, if a budget is entered.
    pub rag: Option<Rag>,
    /// £ forecast gross spend on the listed placements (to date and committed) by placement type.
    pub by_type_gbp: ByPlacement<f64>,
    /// £ the new placements' part of each type, where their mix is known.
    pub new_by_type_gbp: Option<ByPlacement<f64>>,
    /// Placements open at the forecast costing over [`HIGH_COST_GBP_PER_WEEK`], dearest first:
    /// (type, £ a week, start). No child reference.
    pub high_cost: Vec<(PlacementType, f64, Date)>,
    /// Placements open at the forecast.
    pub open_placements: usize,
}

/// Days of `from..=to` (inclusive) that fall in `start..=end`.
fn overlap(start: Date, end: Date, from: Date, to: Date) -> f64 {
    let first = start.0.max(from.0);
    let last = end.0.min(to.0);
    f64::from((last - first + 1).max(0))
}

/// The financial year's first and last days, and the forecast's day brought within them (the day
/// before the year at the earliest).
fn year_days(inputs: &ForecastInputs) -> (Date, Date, Date) {
    let year = inputs.financial_year;
    let year_start = Date::start_of(year.first_month());
    let year_end = Date::end_of(year.last_month());
    let as_at = Date(inputs.as_at.0.clamp(year_start.0 - 1, year_end.0));
    (year_start, year_end, as_at)
}

/// The forecast outturn for `inputs.financial_year` from `placements`.
pub fn forecast(placements: &[ListedPlacement], inputs: &ForecastInputs) -> Forecast {
    let year = inputs.financial_year;
    let (year_start, year_end, as_at) = year_days(inputs);
    let tomorrow = as_at.next_day();
    let (mut to_date, mut committed, mut contributions) = (0.0, 0.0, 0.0);
    let mut by_type = ByPlacement::splat(0.0);
    let mut high_cost = Vec::new();
    let mut open = 0;
    for p in placements {
        let daily = p.weekly_cost_gbp.max(0.0) / 7.0;
        let end = p.last_day(year_end);
        let days_before = overlap(p.start, end, year_start, as_at);
        let days_after = overlap(p.start, end, tomorrow, year_end);
        to_date += daily * days_before;
        committed += daily * days_after;
        by_type[p.placement] += daily * (days_before + days_after);
        contributions += p.contributions_gbp_per_week.max(0.0) / 7.0 * (days_before + days_after);
        let open_now = p.start <= as_at && p.last_day(Date(i32::MAX)) > as_at;
        if open_now {
            open += 1;
            if p.weekly_cost_gbp > HIGH_COST_GBP_PER_WEEK {
                high_cost.push((p.placement, p.weekly_cost_gbp, p.start));
            }
        }
    }
    high_cost.sort_by(|a, b| b.1.total_cmp(&a.1));
    let new_placements = inputs.new_placements.cost_by(as_at, year_end);
    let spend_to_date = inputs.spend_to_date_gbp.unwrap_or(to_date);
    let income = contributions + inputs.other_income_gbp.max(0.0);
    let forecast = spend_to_date + committed + new_placements - income;
    let (variance, variance_percent, rag) = variance(forecast, inputs.budget_gbp);
    Forecast {
        financial_year: year,
        spend_to_date_gbp: spend_to_date,
        committed_gbp: committed,
        new_placements_gbp: new_placements,
        income_gbp: income,
        forecast_gbp: forecast,
        budget_gbp: inputs.budget_gbp,
        variance_gbp: variance,
        variance_percent,
        rag,
        by_type_gbp: by_type,
        new_by_type_gbp: inputs.new_placements.cost_share_by_type.map(|share| {
            let mut new = share;
            for p in PlacementType::ALL {
                new[p] = share[p] * new_placements;
            }
            new
        }),
        high_cost,
        open_placements: open,
    }
}

impl Forecast {
    /// The forecast's totals, to save as the month's snapshot (no placement, no child).
    pub fn snapshot(&self, as_at: Date) -> ForecastSnapshot {
        ForecastSnapshot {
            as_at,
            financial_year: self.financial_year,
            budget_gbp: self.budget_gbp,
            spend_to_date_gbp: self.spend_to_date_gbp,
            committed_gbp: self.committed_gbp,
            new_placements_gbp: self.new_placements_gbp,
            income_gbp: self.income_gbp,
            forecast_gbp: self.forecast_gbp,
            by_type_gbp: self.by_type_gbp,
            new_by_type_gbp: self.new_by_type_gbp,
            line_budgets_gbp: ByPlacement::splat(None),
            open_placements: self.open_placements,
            high_cost: self
                .high_cost
                .iter()
                .filter_map(|(placement, weekly, start)| {
                    Some(HighCostPlacement {
                        placement: *placement,
                        weekly_cost_gbp: *weekly,
                        since: start.month()?,
                    })
                })
                .collect(),
        }
    }
}

/// The colour of an overspend of `variance_percent` of budget.
pub fn rag_for(variance_percent: f64) -> Rag {
    if variance_percent <= 0.0 {
        Rag::Green
    } else if variance_percent <= AMBER_UP_TO_PERCENT {
        Rag::Amber
    } else {
        Rag::Red
    }
}

/// A forecast's variance against its budget: £, % of budget and colour; none without a budget
/// (or with a budget of nothing, for the % and colour).
pub fn variance(
    forecast_gbp: f64,
    budget_gbp: Option<f64>,
) -> (Option<f64>, Option<f64>, Option<Rag>) {
    let variance = budget_gbp.map(|budget| forecast_gbp - budget);
    let percent = budget_gbp
        .zip(variance)
        .and_then(|(budget, variance)| (budget > 0.0).then(|| variance / budget * 100.0));
    (variance, percent, percent.map(rag_for))
}

/// The latest saved forecast and the one before it in the same year (for its movement).
pub fn latest_saved(
    monitoring: &Monitoring,
) -> Option<(&ForecastSnapshot, Option<&ForecastSnapshot>)> {
    let latest = monitoring.snapshots.iter().max_by_key(|s| s.as_at)?;
    Some((
        latest,
        previous_snapshot(&monitoring.snapshots, latest.financial_year, latest.as_at),
    ))
}

/// The saved forecast a forecast at `as_at` moves from: the latest of the same financial year
/// made before `as_at`.
pub fn previous_snapshot(
    snapshots: &[ForecastSnapshot],
    financial_year: FinancialYear,
    as_at: Date,
) -> Option<&ForecastSnapshot> {
    snapshots
        .iter()
        .filter(|s| s.financial_year == financial_year && s.as_at < as_at)
        .max_by_key(|s| s.as_at)
}

/// One month of the year's forecast building up.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct BuildUpMonth {
    /// The month.
    pub month: Month,
    /// £ net spend in the month: placements less contributions and a twelfth of other income;
    /// to the forecast's day, scaled to the spend to date entered, if one was.
    pub spend_gbp: f64,
    /// £ net spend from April to the end of the month; March's is the forecast outturn.
    pub cumulative_gbp: f64,
    /// True for months wholly after the forecast's day (forecast, not spent).
    pub forecast: bool,
}

/// The year's forecast month by month, April to March: what the list says was spent to the
/// forecast's day, then the commitments and new placements; the months add up to
/// [`Forecast::forecast_gbp`].
pub fn build_up(placements: &[ListedPlacement], inputs: &ForecastInputs) -> Vec<BuildUpMonth> {
    let year = inputs.financial_year;
    let (_, year_end, as_at) = year_days(inputs);
    let tomorrow = as_at.next_day();
    let months: Vec<Month> = (0..12).map(|i| year.first_month().plus_months(i)).collect();
    // Spend to date from the list, month by month, and what came after.
    let mut before = [0.0; 12];
    let mut after = [0.0; 12];
    for (i, month) in months.iter().enumerate() {
        let (first, last) = (Date::start_of(*month), Date::end_of(*month));
        for p in placements {
            let end = p.last_day(year_end);
            let gross = p.weekly_cost_gbp.max(0.0) / 7.0;
            let contributions = p.contributions_gbp_per_week.max(0.0) / 7.0;
            before[i] += gross * overlap(p.start, end, first, last.min(as_at));
            after[i] += gross * overlap(p.start, end, first.max(tomorrow), last);
            // Contributions come off the month they fall in.
            let days = overlap(p.start, end, first, last);
            after[i] -= contributions * days;
        }
        let new = &inputs.new_placements;
        after[i] += new.cost_by(as_at, last) - new.cost_by(as_at, Date(first.0 - 1));
        after[i] -= inputs.other_income_gbp.max(0.0) / 12.0;
    }
    // The ledger's spend to date, where entered, in place of the list's (spread as the list's).
    let listed: f64 = before.iter().sum();
    let scale = match inputs.spend_to_date_gbp {
        Some(entered) if listed > 0.0 => entered / listed,
        _ => 1.0,
    };
    let mut cumulative = 0.0;
    let mut out: Vec<BuildUpMonth> = months
        .iter()
        .enumerate()
        .map(|(i, month)| {
            let spend = before[i] * scale + after[i];
            cumulative += spend;
            BuildUpMonth {
                month: *month,
                spend_gbp: spend,
                cumulative_gbp: cumulative,
                forecast: Date::start_of(*month) > as_at,
            }
        })
        .collect();
    // An entered spend to date with nothing on the list before the day: put it in the months
    // before the forecast evenly.
    if let (Some(entered), true) = (inputs.spend_to_date_gbp, listed <= 0.0) {
        let spent_months = out.iter().filter(|m| !m.forecast).count().max(1) as f64;
        let mut cumulative = 0.0;
        for month in &mut out {
            if !month.forecast {
                month.spend_gbp += entered / spent_months;
            }
            cumulative += month.spend_gbp;
            month.cumulative_gbp = cumulative;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).expect("a real day")
    }

    #[test]
    fn the_forecast_is_the_hand_calculation_for_a_small_list() {
        let year = FinancialYear { start_year: 2025 };
        let list = [
            // Open all year at £7,000 a week: 365 days, 30 Sep is day 183.
            ListedPlacement {
                placement: PlacementType::Residential,
                weekly_cost_gbp: 7_000.0,
                start: day(2024, 6, 1),
                end: None,
                uasc: false,
                contributions_gbp_per_week: 700.0,
                birth: None,
            },
            // Ends 31 December: 92 days after 30 September.
            ListedPlacement {
                placement: PlacementType::Ifa,
                weekly_cost_gbp: 980.0,
                start: day(2025, 9, 1),
                end: Some(day(2025, 12, 31)),
                uasc: false,
                contributions_gbp_per_week: 0.0,
                birth: None,
            },
            // £14,000 a week from 1 October: high cost.
            ListedPlacement {
                placement: PlacementType::Residential,
                weekly_cost_gbp: 14_000.0,
                start: day(2025, 10, 1),
                end: None,
                uasc: false,
                contributions_gbp_per_week: 0.0,
                birth: None,
            },
        ];
        let inputs = ForecastInputs {
            financial_year: year,
            as_at: day(2025, 9, 30),
            spend_to_date_gbp: None,
            new_placements: NewPlacements {
                per_month: 1.0,
                weekly_cost_gbp: 1_000.0,
                cost_share_by_type: None,
            },
            other_income_gbp: 0.0,
            budget_gbp: Some(600_000.0),
        };
        let f = forecast(&list, &inputs);
        // To date: 183 days × £1,000 + 30 days × £140.
        assert!((f.spend_to_date_gbp - (183.0 * 1_000.0 + 30.0 * 140.0)).abs() < 1e-6);
        // Committed: 182 × £1,000 + 92 × £140 + 182 × £2,000 (the third opens tomorrow).
        let committed = 182.0 * 1_000.0 + 92.0 * 140.0 + 182.0 * 2_000.0;
        assert!(
            (f.committed_gbp - committed).abs() < 1e-6,
            "{}",
            f.committed_gbp
        );
        // New: 12/365.25 a day × £1,000/7 × 182² / 2.
        let new = 12.0 / 365.25 * 1_000.0 / 7.0 * 182.0 * 182.0 / 2.0;
        assert!((f.new_placements_gbp - new).abs() < 1e-6);
        // Income: 365 days × £100.
        assert!((f.income_gbp - 36_500.0).abs() < 1e-6);
        let total = 183_000.0 + 4_200.0 + committed + new - 36_500.0;
        assert!((f.forecast_gbp - total).abs() < 1e-6);
        assert!((f.variance_gbp.expect("budget") - (total - 600_000.0)).abs() < 1e-6);
        assert_eq!(f.rag, Some(Rag::Red));
        // The third starts after the forecast: open placements now are the first two; the high
        // cost list is of those open now.
        assert_eq!(f.open_placements, 2);
        assert!(f.high_cost.is_empty());
    }

    #[test]
    fn a_budget_not_exceeded_is_green_and_none_gives_no_colour() {
        let year = FinancialYear { start_year: 2025 };
        let mut inputs = ForecastInputs {
            financial_year: year,
            as_at: day(2025, 12, 31),
            spend_to_date_gbp: Some(1_000_000.0),
            new_placements: NewPlacements::default(),
            other_income_gbp: 0.0,
            budget_gbp: Some(2_000_000.0),
        };
        let f = forecast(&[], &inputs);
        assert_eq!(f.forecast_gbp, 1_000_000.0);
        assert_eq!(f.rag, Some(Rag::Green));
        inputs.budget_gbp = Some(990_000.0);
        assert_eq!(forecast(&[], &inputs).rag, Some(Rag::Amber));
        inputs.budget_gbp = None;
        assert_eq!(forecast(&[], &inputs).rag, None);
    }
}
