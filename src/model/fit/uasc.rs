//! Unaccompanied asylum-seeking children counted apart, with their own arrivals, cost and the
//! Home Office grant.

use super::figures::{CouncilFigures, get};
use super::tuning::FLOW_YEARS;
use crate::model::placement::{AgeBand, ByAgeBand, PlacementType};
use crate::model::scenario::{Range, Scenario, Uasc};

/// UASC in care by age band (10-15, 16, 17), shares: not published by council; an assumption
/// that most are 16 or 17 (they arrive at 14-17 and stay to 18).
pub const UASC_STOCK_AGE_SHARE: [f64; 3] = [0.15, 0.35, 0.50];

/// UASC arriving by age band (10-15, 16, 17), shares: an assumption (arrivals are 14-17, most
/// 16 or 17).
pub const UASC_ARRIVAL_AGE_SHARE: [f64; 3] = [0.25, 0.45, 0.30];

/// The share of a council's cost of an unaccompanied child that the Home Office grant covers
/// (0.62: the gross weekly cost is the grant ÷ 0.62, 1.6 times it). Councils' costings found
/// 50-60% for children (ADCS 2016 at most 50%; East Midlands 2017 55%; London Councils 2019 about
/// 60%); the rates have been frozen since 2020-21 while unit costs rose, and indexing the East
/// Midlands cost to 2024-25 gives 55-69% (docs/research/placement_prices_and_uasc_grant.md 5:
/// strength moderate that there is a shortfall, weak for its size). Before issue 30 the fit
/// priced UASC at the template's weekly cost, below the grant, so the grant made money.
pub const UASC_GRANT_COVERAGE: f64 = 0.62;

/// The Home Office's standard grant for a UASC in care, £ a night (£114), and the higher rate
/// for councils whose UASC are at least 0.07% of their children (£143): Home Office answer to a
/// parliamentary question, 23 December 2022.
pub const UASC_GRANT_GBP_PER_NIGHT: (f64, f64) = (114.0, 143.0);

/// How far UASC arrivals may move in Monte Carlo draws, % (an assumption: arrivals swung by
/// more than half from year to year in 2021-2024 in the councils that take most).
pub const UASC_ARRIVALS_CHANGE: (f64, f64) = (-50.0, 100.0);

const TEN_PLUS: [AgeBand; 3] = [AgeBand::Age10To15, AgeBand::Age16, AgeBand::Age17];

/// Takes the council's unaccompanied asylum-seeking children out of the other children (the
/// opening stock and the entries) and counts them apart, with their own arrivals, cost and the
/// Home Office grant. Leaves the scenario as it is where the count is not published or is 0.
pub(super) fn fit_uasc(
    s: &mut Scenario,
    figures: &CouncilFigures,
    year: i32,
    dfe: &str,
    notes: &mut Vec<String>,
) {
    let y = year.to_string();
    let Some(count) = get(&figures.looked_after, &y, "uasc") else {
        notes.push(format!(
            "Unaccompanied asylum-seeking children not published for 31 March {year} (suppressed when few): counted with the other children."
        ));
        s.uasc = None;
        return;
    };
    if count <= 0.0 {
        s.uasc = None;
        return;
    }
    // Out of the opening stock, from the older age bands, in proportion across placements.
    let mut opening = ByAgeBand::splat(0.0);
    for (band, share) in TEN_PLUS.into_iter().zip(UASC_STOCK_AGE_SHARE) {
        let in_band: f64 = PlacementType::ALL
            .iter()
            .map(|&p| s.opening_looked_after[p][band])
            .sum();
        let taken = (count * share).min(in_band);
        if in_band > 0.0 {
            for p in PlacementType::ALL {
                s.opening_looked_after[p][band] *= 1.0 - taken / in_band;
            }
        }
        opening[band] = taken;
    }
    // Arrivals: the mean of the UASC starts over the same years as the other entries, out of
    // the entries and their age split.
    let arrivals: Vec<f64> = ((year - FLOW_YEARS + 1)..=year)
        .filter_map(|yr| get(&figures.starts, &yr.to_string(), "uasc"))
        .collect();
    // UASC starts are published from 2020 (and not for every council): where none are, the
    // arrivals are those that keep the number steady, replacing the 17-year-olds turning 18.
    let published_arrivals = !arrivals.is_empty();
    let arrivals_per_year = if published_arrivals {
        arrivals.iter().sum::<f64>() / arrivals.len() as f64
    } else {
        opening[AgeBand::Age17]
    };
    let per_year = s.entries.per_year;
    let mut by_band = ByAgeBand::splat(0.0);
    for b in AgeBand::ALL {
        by_band[b] = per_year * s.entries.age_percent[b] / 100.0;
    }
    let mut taken_total = 0.0;
    for (band, share) in TEN_PLUS.into_iter().zip(UASC_ARRIVAL_AGE_SHARE) {
        let taken = (arrivals_per_year * share).min(by_band[band]);
        by_band[band] -= taken;
        taken_total += taken;
    }
    let remaining = (per_year - taken_total).max(0.0);
    if remaining > 0.0 {
        for b in AgeBand::ALL {
            s.entries.age_percent[b] = by_band[b] / remaining * 100.0;
        }
    }
    s.entries.per_year = (remaining * 10.0).round() / 10.0;
    // The higher grant where UASC are at least 0.07% of the council's children.
    let children = figures.population.get(&(year - 1)).copied();
    let higher = children.is_some_and(|c| c > 0.0 && count / c >= 0.0007);
    let per_night = if higher {
        UASC_GRANT_GBP_PER_NIGHT.1
    } else {
        UASC_GRANT_GBP_PER_NIGHT.0
    };
    // Leaving before 18 (moved to another council under the National Transfer Scheme, found to
    // be adults, gone missing) fitted so that arrivals replace leavers and the number holds
    // steady, as for the other children (GAP_KEPT = 0): Kent's arrivals, most of them moved on,
    // would otherwise pile up.
    let stock = opening.total();
    let leaving_percent_per_month = if stock > 0.0 {
        ((arrivals_per_year / 12.0 - opening[AgeBand::Age17] / 12.0) / stock * 100.0)
            .clamp(0.0, 50.0)
    } else {
        0.0
    };
    let mut arrival_age_percent = ByAgeBand::splat(0.0);
    for (band, share) in TEN_PLUS.into_iter().zip(UASC_ARRIVAL_AGE_SHARE) {
        arrival_age_percent[band] = share * 100.0;
    }
    s.uasc = Some(Uasc {
        opening,
        arrivals_per_year: (arrivals_per_year * 10.0).round() / 10.0,
        arrivals_trend_percent_per_year: 0.0,
        arrival_age_percent,
        leaving_percent_per_month: (leaving_percent_per_month * 100.0).round() / 100.0,
        weekly_cost_gbp: (per_night * 7.0 / UASC_GRANT_COVERAGE).round(),
        grant_gbp_per_week: per_night * 7.0,
        arrivals_change_percent: Range::new(UASC_ARRIVALS_CHANGE.0, UASC_ARRIVALS_CHANGE.1),
    });
    s.sources.insert(
        "uasc".into(),
        format!(
            "{dfe}: {count:.0} unaccompanied asylum-seeking children at 31 March {year}, counted apart (ages assumed {:.0}% 10-15, {:.0}% 16, {:.0}% 17); arrivals {arrivals_per_year:.1} a year, {}, taken out of the entries; leaving before 18 {leaving_percent_per_month:.2}% a month, so that arrivals replace leavers and the number holds steady; weekly cost £{:.0}, so that the grant covers {:.0}% of it (every costing found puts the grant at 50-60% of councils' costs for children, 2016-2019; docs/research/placement_prices_and_uasc_grant.md 5); Home Office grant £{per_night:.0} a night (£{:.0} a week{}), Home Office answer to a parliamentary question, 23 December 2022; arrivals {:+.0}% to {:+.0}% in Monte Carlo draws (assumption).",
            UASC_STOCK_AGE_SHARE[0] * 100.0,
            UASC_STOCK_AGE_SHARE[1] * 100.0,
            UASC_STOCK_AGE_SHARE[2] * 100.0,
            if published_arrivals {
                format!(
                    "the mean of the UASC starts over the {} year(s) to 31 March {year}",
                    arrivals.len()
                )
            } else {
                "as many as turn 18 in a year (UASC starts not published for these years)".into()
            },
            per_night * 7.0 / UASC_GRANT_COVERAGE,
            UASC_GRANT_COVERAGE * 100.0,
            per_night * 7.0,
            if higher {
                ": the higher rate, for councils whose UASC are at least 0.07% of their children"
            } else {
                ""
            },
            UASC_ARRIVALS_CHANGE.0,
            UASC_ARRIVALS_CHANGE.1,
        ),
    );
    notes.push(format!(
        "{count:.0} unaccompanied asylum-seeking children counted apart ({arrivals_per_year:.1} arriving a year), with the Home Office grant of £{per_night:.0} a night; their ages, cost and leaving before 18 are assumptions."
    ));
}
