//! A starting scenario for any English council, fitted to its published figures (DfE children
//! looked after, starts and ceased; section 251 spend and unit costs). Pure: the figures come in
//! as [`CouncilFigures`] (read from the shipped data by `crate::data`), and nothing after the
//! chosen 31 March is used unless asked for, so a backtest never sees the future.
//!
//! Every method is in docs/model.md, section 9; every fitted number names its source in the
//! scenario's `sources`, and every stand-in from England's pattern is listed in its notes.
//!
//! The stages, one file each: the published figures and England's medians (`figures`), the
//! opening children (`stock`), trends and flows (`trend`), exits (`exits`), money (`money`) and
//! unaccompanied asylum-seeking children (`uasc`); [`fit_council`] runs them in that order.

mod exits;
mod figures;
mod money;
mod moves;
mod stock;
mod trend;
mod tuning;
mod uasc;

pub use figures::{
    CouncilFigures, EnglandFigures, Figures, FitError, FittedScenario, england_figures,
};
pub(crate) use stock::{fit_stock, placement_margins};
pub use trend::{Line, least_squares, log_linear_trend};
pub use tuning::{
    COUNCIL_RANGES, CouncilRanges, FLOW_YEARS, GAP_KEPT, MAX_FITTED_TREND_PERCENT, TREND_KEPT,
};
pub use uasc::{
    UASC_ARRIVAL_AGE_SHARE, UASC_ARRIVALS_CHANGE, UASC_GRANT_COVERAGE, UASC_GRANT_GBP_PER_NIGHT,
    UASC_STOCK_AGE_SHARE,
};

use super::evidence::{Library, fit_levers_to_council};
use super::placement::{AgeBand, ByAgeBand, PlacementType, StockTotals};
use super::scenario::{CountedLookedAfter, Scenario};
use super::time::Month;
use exits::fit_exits;
use figures::{get, sum_of};
pub use money::at_prices_of;
use money::fit_money;
use moves::fit_moves;
pub use moves::{MIX_TREND_KEPT, MOVES_RANGE};
use std::collections::BTreeMap;
use stock::age_margins;
use trend::mean_flow;
use uasc::fit_uasc;

/// Options for [`fit_council`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitOptions {
    /// Add counts after the start year as actuals (false in backtests: nothing may leak in).
    pub later_counts: bool,
    /// Years to project.
    pub horizon_years: u32,
    /// Count unaccompanied asylum-seeking children apart (where published); false mixes them
    /// into the other children, as before issue 20 (kept to measure the difference).
    pub uasc_apart: bool,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            later_counts: true,
            horizon_years: 5,
            uasc_apart: true,
        }
    }
}

/// Fits a scenario for `figures` starting in April `year` (after the 31 March `year` count),
/// from `template` (England's defaults: the blank council) and `england`'s medians.
pub fn fit_council(
    figures: &CouncilFigures,
    england: &EnglandFigures,
    template: &Scenario,
    year: i32,
    options: FitOptions,
) -> Result<FittedScenario, FitError> {
    let council = figures.name.clone();
    let y = year.to_string();
    let missing = |what: &str| FitError::Missing {
        council: council.clone(),
        year,
        what: what.to_string(),
    };
    let total = get(&figures.looked_after, &y, "total").ok_or_else(|| {
        missing(&format!(
            "the number of children in care at 31 March {year}"
        ))
    })?;
    if total <= 0.0 {
        return Err(FitError::NoChildren {
            council: council.clone(),
            year,
        });
    }
    let Some(start_month) = Month::new(year, 4) else {
        return Err(missing("a year the app can project from"));
    };
    let mut notes = Vec::new();
    let mut s = template.clone();
    s.name = format!("{}: from 31 March {year}", figures.name);
    s.author = String::new();
    s.start_month = start_month;
    s.horizon_years = options.horizon_years.clamp(1, 10);
    s.target = None;
    s.sources.clear();
    s.actuals = Default::default();
    let dfe = format!(
        "DfE, Children looked after in England including adoptions, {}",
        figures.name
    );

    fit_opening(&mut s, figures, template, year, total, &dfe, &mut notes);
    fit_entries(&mut s, figures, template, year, total, &dfe, &mut notes);

    // Unaccompanied asylum-seeking children apart, where published.
    if options.uasc_apart {
        fit_uasc(&mut s, figures, year, &dfe, &mut notes);
    }

    // Exits: calibrated to the year's ceased count and its split by reason.
    fit_exits(&mut s, figures, year, &mut notes);

    // Money: unit costs, prices and the budget.
    fit_money(&mut s, figures, england, template, year, &mut notes);

    in_house_carers(&mut s);

    add_counts(&mut s, figures, year, options.later_counts, &dfe);

    council_uncertainty(&mut s);
    s.council = Some(figures.code.clone());
    let levers = fit_levers_to_council(&mut s, Library::shipped_or_empty());
    fit_moves(&mut s, figures, year, &mut notes);
    money::fit_other_spend(&mut s, figures, year, &mut notes);
    s.sources.insert("levers".into(), levers.clone());
    notes.push(levers);
    notes.push("Other lever costs, first placements and uncertainty ranges are England's defaults (the blank council).".into());
    s.description = format!(
        "Made by Care Levers from published figures for {} ({}, DfE code {}) at 31 March {year}. \
         Check every number against the council's own records before relying on it.\n\nFilled in \
         or assumed:\n- {}",
        figures.name,
        figures.region,
        figures.code,
        notes.join("\n- ")
    );
    Ok(FittedScenario { scenario: s, notes })
}

/// Opening children: iterative proportional fitting of England's joint pattern to the
/// council's placement and age totals at 31 March `year`.
fn fit_opening(
    s: &mut Scenario,
    figures: &CouncilFigures,
    template: &Scenario,
    year: i32,
    total: f64,
    dfe: &str,
    notes: &mut Vec<String>,
) {
    // Opening children: IPF of England's joint pattern to the council's margins.
    let seed = template.opening_looked_after;
    let england_ages: ByAgeBand<f64> = {
        let mut ages = ByAgeBand::splat(0.0);
        for b in AgeBand::ALL {
            ages[b] = seed.in_age_band(b);
        }
        ages
    };
    let placements = match placement_margins(figures, year, notes) {
        Some(margins) => margins,
        None => {
            notes.push(format!(
                "No placements published for 31 March {year}: England's placement mix used."
            ));
            seed.by_placement()
        }
    };
    let ages = match age_margins(figures, year, &england_ages, notes) {
        Some(margins) => margins,
        None => {
            notes.push(format!(
                "No ages published for 31 March {year}: England's age mix used."
            ));
            england_ages
        }
    };
    s.opening_looked_after = fit_stock(&seed, &placements, &ages, total);
    s.sources.insert(
        "opening_looked_after".into(),
        format!(
            "{dfe}: {} children at 31 March {year}; placement and age totals as published, the joint split by iterative proportional fitting of England's pattern (docs/model.md 9.1).",
            total as i64
        ),
    );
}

/// Entries: starts in the year to 31 March `year`, the trend over five years, the age split.
fn fit_entries(
    s: &mut Scenario,
    figures: &CouncilFigures,
    template: &Scenario,
    year: i32,
    total: f64,
    dfe: &str,
    notes: &mut Vec<String>,
) {
    let y = year.to_string();
    // Entries: starts in the year to 31 March, the trend over five years, the age split.
    let starts = &figures.starts;
    match mean_flow(starts, year) {
        Some((per_year, n)) => {
            s.entries.per_year = (per_year * 10.0).round() / 10.0;
            s.sources.insert(
                "entries.per_year".into(),
                format!("{dfe}: children who started to be looked after, a year on average over the {n} year(s) to 31 March {year}."),
            );
        }
        None => {
            let ratio = template.entries.per_year / template.opening_looked_after.total_children();
            s.entries.per_year = total * ratio;
            notes.push(format!(
                "Starts not published for the year to 31 March {year}: England's ratio of starts to children in care ({:.0}%) used.",
                ratio * 100.0
            ));
        }
    }
    let history: Vec<(f64, f64)> = ((year - 4)..=year)
        .filter_map(|yr| Some((f64::from(yr), get(starts, &yr.to_string(), "total")?)))
        .collect();
    let trend = log_linear_trend(&history)
        .map(|t| (t * TREND_KEPT).clamp(-MAX_FITTED_TREND_PERCENT, MAX_FITTED_TREND_PERCENT))
        .unwrap_or(0.0);
    s.entries.demand_trend_percent_per_year = (trend * 10.0).round() / 10.0;
    s.sources.insert(
        "entries.demand_trend_percent_per_year".into(),
        format!(
            "{:.0}% of the least-squares trend of the logarithm of starts over the five years to 31 March {year} ({} years published), at most {MAX_FITTED_TREND_PERCENT}% a year either way (docs/model.md 9.2).",
            TREND_KEPT * 100.0,
            history.len()
        ),
    );
    if let Some(under_5) = sum_of(starts, &y, &["age_under_1", "age_1_to_4"]) {
        let five = get(starts, &y, "age_5_to_9").unwrap_or(0.0);
        let ten = get(starts, &y, "age_10_to_15").unwrap_or(0.0);
        let older = get(starts, &y, "age_16_plus").unwrap_or(0.0);
        let sum = under_5 + five + ten + older;
        if sum > 0.0 {
            let e = &template.entries.age_percent;
            let share_16 = e[AgeBand::Age16] / (e[AgeBand::Age16] + e[AgeBand::Age17]).max(1e-9);
            let pct = |v: f64| v / sum * 100.0;
            s.entries.age_percent[AgeBand::Age0To4] = pct(under_5);
            s.entries.age_percent[AgeBand::Age5To9] = pct(five);
            s.entries.age_percent[AgeBand::Age10To15] = pct(ten);
            s.entries.age_percent[AgeBand::Age16] = pct(older) * share_16;
            s.entries.age_percent[AgeBand::Age17] = pct(older) * (1.0 - share_16);
            s.sources.insert(
                "entries.age_percent".into(),
                format!("{dfe}: starts by age in the year to 31 March {year} (16 and over split by England's pattern)."),
            );
        }
    } else {
        notes.push(format!(
            "Starts by age not published for the year to 31 March {year}: England's age mix used."
        ));
    }
}

/// Every published 31 March count as an actual (none after `year` unless `later_counts`).
fn add_counts(
    s: &mut Scenario,
    figures: &CouncilFigures,
    year: i32,
    later_counts: bool,
    dfe: &str,
) {
    // Every published count as an actual.
    for (count_year, values) in &figures.looked_after {
        let Ok(count_year) = count_year.parse::<i32>() else {
            continue;
        };
        if count_year > year && !later_counts {
            continue;
        }
        let (Some(month), Some(&total)) = (Month::new(count_year, 3), values.get("total")) else {
            continue;
        };
        let mut by_placement = BTreeMap::new();
        if count_year >= 2020 {
            let y = count_year.to_string();
            if let Some(r) = get(
                &figures.looked_after,
                &y,
                "placement_secure_homes_and_childrens_homes_2020on",
            ) {
                by_placement.insert(PlacementType::Residential, r);
            }
            if let Some(v) = get(
                &figures.looked_after,
                &y,
                "placement_independent_semi_independent_living_2020on",
            ) {
                by_placement.insert(PlacementType::Supported, v);
            }
        }
        s.actuals.looked_after.push(CountedLookedAfter {
            month,
            total,
            by_placement,
            source: format!("{dfe}: children looked after at 31 March {count_year}."),
        });
    }
    s.sources.insert(
        "actuals".into(),
        "Every published 31 March count for the council (DfE; Open Government Licence v3.0)."
            .into(),
    );
}

/// In-house carers for a fitted scenario: enough households for the in-house foster children at
/// the start, recruits replacing the households that leave.
pub fn in_house_carers(s: &mut Scenario) {
    let in_house = s
        .opening_looked_after
        .in_placement(PlacementType::InHouseFoster);
    s.fostering.in_house_households =
        (in_house / s.fostering.children_per_household.max(0.1)).round();
    s.fostering.recruits_per_year =
        (s.fostering.in_house_households * s.fostering.attrition_percent_per_year / 100.0).round();
    s.sources.insert(
        "fostering.in_house_households".into(),
        "Assumption: enough households for the in-house foster children at the start, recruits replacing the households that leave.".into(),
    );
}

/// The Monte Carlo ranges for a council's fitted scenario ([`COUNCIL_RANGES`]).
pub fn council_uncertainty(s: &mut Scenario) {
    let CouncilRanges {
        entries_change_percent: (entries_low, entries_high),
        demand_trend_points: trend,
        exit_rates_change_percent: (exits_low, exits_high),
    } = COUNCIL_RANGES;
    s.uncertainty.entries_change_percent = super::scenario::Range::new(entries_low, entries_high);
    s.uncertainty.demand_trend_points = super::scenario::Range::new(-trend, trend);
    s.uncertainty.exit_rates_change_percent = super::scenario::Range::new(exits_low, exits_high);
    s.sources.insert(
        "uncertainty".into(),
        format!("Ranges for a council's Monte Carlo bands: entries {entries_low:+}% to {entries_high:+}%, demand trend ±{trend} points, exit rates {exits_low:+}% to {exits_high:+}% (skewed towards more children, as councils' later counts were), set so that about 80% of councils' later counts fell in P10-P90, about 10% either side, when forecasting from 31 March 2014-2019 (docs/model.md 9.3); the other ranges are England's defaults."),
    );
}
