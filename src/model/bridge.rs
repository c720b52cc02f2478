//! Spend explained: each financial year's change in placement spend from the year before split
//! into volume, mix, price and the Home Office grant (docs/model.md 3.6), adding up exactly.
//!
//! With C the child-weeks of a year (children in care × weeks, every placement type and the
//! UASC), s_t each type's share of them and P_t its average price (£ a child a week, the year's
//! spend on it over its child-weeks), from year 0 to year 1:
//!
//! - volume = (C1 − C0) × Σ s0_t P0_t: more or fewer child-weeks at last year's mix and prices;
//! - mix = C1 × Σ (s1_t − s0_t) P0_t: this year's child-weeks in a different mix, at last year's
//!   prices;
//! - price = Σ C1_t (P1_t − P0_t): this year's children at this year's prices rather than last's;
//! - grant = −(G1 − G0): a larger Home Office grant lowers the net spend.
//!
//! The price levers (council homes, block contracts: [`super::price_levers`]) change what the
//! council pays for the same children, so the change in their effect on spend is price.
//!
//! volume + mix + price = gross placement spend 1 − gross placement spend 0 (the terms
//! telescope), and with the grant, the change in net placement spend.

use super::finance::MonthFigures;
use super::placement::{PlacementType, StockTotals};
use super::scenario::Scenario;

/// A financial year's change in placement spend from the year before, explained.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct SpendChange {
    /// £ change in net placement spend (this year's `spend_gbp` less last year's).
    pub total_gbp: f64,
    /// £ from more or fewer children (child-weeks), at last year's mix and prices.
    pub volume_gbp: f64,
    /// £ from a different mix of placement types, at last year's prices.
    pub mix_gbp: f64,
    /// £ from prices: this year's children at this year's prices rather than last year's.
    pub price_gbp: f64,
    /// £ from the Home Office grant for UASC (negative when the grant grows).
    pub grant_gbp: f64,
}

/// Placement types and the UASC: what a year's spend is split over.
const KINDS: usize = PlacementType::ALL.len() + 1;

/// One year's spend and child-weeks by kind, and its grant.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct YearActivity {
    spend: [f64; KINDS],
    child_weeks: [f64; KINDS],
    grant: f64,
    /// £ the price levers added to spend (negative: saved).
    price_levers: f64,
}

impl YearActivity {
    fn total_spend(&self) -> f64 {
        self.spend.iter().sum::<f64>() + self.price_levers
    }
}

/// Each placement type's yearly price factor: 1 + its growth (or inflation, where the scenario
/// grows every type at one rate), applied each April after the start, as the engine does.
fn yearly_factors(scenario: &Scenario) -> [f64; KINDS - 1] {
    PlacementType::ALL.map(|p| {
        let percent = scenario
            .costs
            .price_growth_percent_per_year
            .as_ref()
            .map_or(scenario.costs.inflation_percent_per_year, |g| g[p]);
        1.0 + percent / 100.0
    })
}

/// Each month's spend and child-weeks by kind, added into financial years (one entry a year,
/// in the order of `months`' years).
pub(crate) fn activity_by_year(scenario: &Scenario, months: &[MonthFigures]) -> Vec<YearActivity> {
    let Some(first) = months.first() else {
        return Vec::new();
    };
    let factors = yearly_factors(scenario);
    let mut prices = PlacementType::ALL.map(|p| scenario.costs.average_weekly_gbp(p));
    let mut years: Vec<YearActivity> = Vec::new();
    let totals = scenario.opening_looked_after.by_placement();
    let mut opening = PlacementType::ALL.map(|p| totals[p]);
    let mut uasc_opening = scenario.uasc.as_ref().map_or(0.0, |u| u.opening_total());
    let mut year_of = None;
    for m in months {
        let fy = m.month.financial_year();
        if year_of != Some(fy) {
            years.push(YearActivity::default());
            year_of = Some(fy);
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        let weeks = m.month.weeks();
        if m.month != first.month && m.month.month == 4 {
            for (price, factor) in prices.iter_mut().zip(factors) {
                *price *= factor;
            }
        }
        for (k, p) in PlacementType::ALL.into_iter().enumerate() {
            let average = (opening[k] + m.by_placement[p]) / 2.0;
            year.child_weeks[k] += average * weeks;
            year.spend[k] += average * weeks * prices[k];
            opening[k] = m.by_placement[p];
        }
        let uasc = KINDS - 1;
        year.child_weeks[uasc] += (uasc_opening + m.uasc_looked_after) / 2.0 * weeks;
        year.spend[uasc] += m.uasc_gross_spend_gbp;
        year.grant += m.uasc_grant_gbp;
        year.price_levers += m.price_levers.spend_change_gbp();
        uasc_opening = m.uasc_looked_after;
    }
    years
}

/// The change from `before` to `after`, split (see the module's notes).
pub(crate) fn explain(before: &YearActivity, after: &YearActivity) -> SpendChange {
    let (c0, c1) = (
        before.child_weeks.iter().sum::<f64>(),
        after.child_weeks.iter().sum::<f64>(),
    );
    let price = |year: &YearActivity, k: usize| {
        (year.child_weeks[k] > 0.0).then(|| year.spend[k] / year.child_weeks[k])
    };
    let share = |c: f64, year: &YearActivity, k: usize| {
        if c > 0.0 {
            year.child_weeks[k] / c
        } else {
            0.0
        }
    };
    let (mut last_year_rate, mut mix, mut price_change) = (0.0, 0.0, 0.0);
    for k in 0..KINDS {
        // A kind with no children in one of the years costs nothing in it: its price there
        // is taken as the other year's, so it moves only volume and mix.
        let (p0, p1) = match (price(before, k), price(after, k)) {
            (Some(p0), Some(p1)) => (p0, p1),
            (Some(p0), None) => (p0, p0),
            (None, Some(p1)) => (p1, p1),
            (None, None) => (0.0, 0.0),
        };
        let (s0, s1) = (share(c0, before, k), share(c1, after, k));
        last_year_rate += s0 * p0;
        mix += (s1 - s0) * p0;
        price_change += after.child_weeks[k] * (p1 - p0);
    }
    let volume = (c1 - c0) * last_year_rate;
    let mix = c1 * mix;
    let grant = -(after.grant - before.grant);
    SpendChange {
        total_gbp: after.total_spend() - after.grant - (before.total_spend() - before.grant),
        volume_gbp: volume,
        mix_gbp: mix,
        price_gbp: price_change + (after.price_levers - before.price_levers),
        grant_gbp: grant,
    }
}

/// Each financial year's placement spend of `other` against `reference` (two projections, e.g.
/// a plan against the one the budget was set on), split as a change from the reference to the
/// other (volume, mix, price, grant: see the module's notes). Only years both cover in full;
/// `total_gbp` is the engine's difference to the penny.
pub fn between(
    reference: (&Scenario, &super::finance::Projection),
    other: (&Scenario, &super::finance::Projection),
) -> Vec<(super::time::FinancialYear, SpendChange)> {
    let activity_of = |(scenario, projection): (&Scenario, &super::finance::Projection)| {
        activity_by_year(scenario, &projection.months)
            .into_iter()
            .zip(&projection.years)
            .filter(|(_, year)| year.months_covered == 12)
            .map(|(activity, year)| (year.financial_year, (activity, year.spend_gbp)))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (reference, other) = (activity_of(reference), activity_of(other));
    reference
        .iter()
        .filter_map(|(year, (before, before_spend))| {
            let (after, after_spend) = other.get(year)?;
            let mut change = explain(before, after);
            change.total_gbp = after_spend - before_spend;
            Some((*year, change))
        })
        .collect()
}
