//! A scenario from a council's own children: the opening stock at a month's end, entries and
//! exit rates over a reference period, first placements, the moves the levers act on, and the
//! monthly counts as actuals (docs/ssda903.md, "What is fitted"). Counts are whole numbers
//! summed in integers, so the result does not depend on the order of the records.

use super::clean::CareHistory;
use super::codes::Ending;
use super::count::*;
use super::date::Date;
use crate::model::fit::{MAX_FITTED_TREND_PERCENT, TREND_KEPT, log_linear_trend};
use crate::model::placement::{AgeBand, PlacementType, StockTotals};
use crate::model::scenario::{CountedLookedAfter, Scenario};
use crate::model::time::Month;
use serde::Serialize;
use std::collections::BTreeMap;

/// Options for [`fit_episodes`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpisodeFitOptions {
    /// The month at whose end the opening children are counted; the scenario starts the month
    /// after. None: the last month-end the data covers.
    pub at: Option<Month>,
    /// Months before `at` (inclusive) over which entries, exits and moves are measured.
    /// Default 36 (three years, as the council fit's flows).
    pub reference_months: u32,
    /// Years to project. Default 5.
    pub horizon_years: u32,
}

impl Default for EpisodeFitOptions {
    fn default() -> Self {
        EpisodeFitOptions {
            at: None,
            reference_months: 36,
            horizon_years: 5,
        }
    }
}

/// Why no scenario could be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EpisodeFitError {
    /// `at` lies outside the data.
    #[error("{at} is outside the data, which covers {first} to {last}")]
    OutsideData {
        /// The month asked for.
        at: Month,
        /// First day covered.
        first: Date,
        /// Last day covered.
        last: Date,
    },
    /// Nobody in care at the end of `at`.
    #[error("no child was in care at the end of {at}: nothing to project from")]
    NoChildren {
        /// The month.
        at: Month,
    },
    /// The data's dates cannot start a scenario (before 1990 or after 2100).
    #[error("the data end on {0}, a date a scenario cannot start from")]
    Unsupported(Date),
}

/// What was measured, for the summary and the scenario's sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measured {
    /// The month at whose end the opening children were counted.
    pub at: String,
    /// Children in care then (unaccompanied asylum-seeking children included).
    pub children_at_start: u64,
    /// Of them, unaccompanied asylum-seeking children counted apart (0 where the return holds
    /// no UASC table).
    pub uasc_at_start: u64,
    /// UASC arriving in care in the reference period (not counted in `entries`).
    pub uasc_arrivals: u64,
    /// UASC leaving care before 18 in the reference period (not counted in `exits`).
    pub uasc_left_before_18: u64,
    /// First and last day of the reference period.
    pub reference: (String, String),
    /// Periods of care that began in the reference period (UASC apart).
    pub entries: u64,
    /// Entries in each 12 months of the reference period, oldest first (whole years only).
    pub entries_by_year: Vec<u64>,
    /// Children who left care in the reference period, by how.
    pub exits: BTreeMap<Ending, u64>,
    /// Child-months in care in the reference period by age band.
    pub child_months: BTreeMap<String, f64>,
    /// Moves from a residential home to foster care (in-house or agency) in the period.
    pub residential_to_foster: u64,
    /// The same, % of children in residential homes a year.
    pub residential_to_foster_percent_per_year: f64,
    /// 17-year-olds moving from foster care or a home to supported accommodation.
    pub seventeen_to_supported: u64,
    /// The same, % of 17-year-olds not in supported accommodation a year.
    pub seventeen_to_supported_percent_per_year: f64,
    /// Children under 16 in supported accommodation at the start or entering it (the model
    /// places only 16 and 17-year-olds there): counted as "with parents / other".
    pub under_16_in_supported: u64,
}

/// A fitted scenario, what was measured and what was left as the template's.
#[derive(Clone, Debug, PartialEq)]
pub struct EpisodeFit {
    /// The scenario.
    pub scenario: Scenario,
    /// What was measured.
    pub measured: Measured,
    /// Every figure left as the template's, and every assumption, in words.
    pub notes: Vec<String>,
}

/// The opening children and the entries: numbers, trend, ages and first placements.
fn set_opening_and_entries(
    s: &mut Scenario,
    counts: &Counts,
    period: &Period<'_>,
    notes: &mut Vec<String>,
) {
    let entries = counts.entries;
    let entries_by_year = &counts.entries_by_year;
    let stock = counts.stock;
    let uasc = &counts.uasc;
    let under_16_in_supported = counts.under_16_in_supported;
    let at_text = &period.at_text;
    let reference_months = period.reference_months;
    let reference_text = &period.reference_text;
    let reference_years = period.reference_years;
    let ssda = |what: String| period.ssda(what);
    let uasc_at_start: u64 = uasc.stock.iter().sum();
    let children_at_start: u64 = stock.iter().flatten().sum::<u64>() + uasc_at_start;
    // Opening stock.
    for p in PlacementType::ALL {
        for b in AgeBand::ALL {
            s.opening_looked_after[p][b] = stock[placement_index(p)][band_index(b)] as f64;
        }
    }
    s.sources.insert(
        "opening_looked_after".into(),
        ssda(format!(
            "{} children in care at the end of {at_text}, by placement and age band{}.",
            children_at_start - uasc_at_start,
            if uasc_at_start > 0 {
                format!(" ({uasc_at_start} unaccompanied asylum-seeking children counted apart)")
            } else {
                String::new()
            }
        )),
    );
    if under_16_in_supported > 0 {
        notes.push(format!(
            "{under_16_in_supported} children under 16 in supported accommodation (at the start or on entry) counted as \"with parents / other\": the model places only 16 and 17-year-olds there."
        ));
    }

    // Entries.
    let entries_total: u64 = entries.iter().flatten().sum();
    s.entries.per_year = (entries_total as f64 / reference_years * 10.0).round() / 10.0;
    s.sources.insert(
        "entries.per_year".into(),
        ssda(format!(
            "{entries_total} periods of care began {reference_text} ({reference_months} months): {:.1} a year.",
            s.entries.per_year
        )),
    );
    let trend_points: Vec<(f64, f64)> = entries_by_year
        .iter()
        .enumerate()
        .map(|(i, &n)| (i as f64, n as f64))
        .collect();
    match log_linear_trend(&trend_points) {
        Some(trend) => {
            let kept =
                (trend * TREND_KEPT).clamp(-MAX_FITTED_TREND_PERCENT, MAX_FITTED_TREND_PERCENT);
            s.entries.demand_trend_percent_per_year = (kept * 10.0).round() / 10.0;
            s.sources.insert(
                "entries.demand_trend_percent_per_year".into(),
                ssda(format!(
                    "entries by year {entries_by_year:?}: least-squares trend of their logarithm {trend:.1}% a year, of which {:.0}% kept, at most {MAX_FITTED_TREND_PERCENT}% (as the council fit, docs/model.md 9.2).",
                    TREND_KEPT * 100.0
                )),
            );
        }
        None => {
            s.entries.demand_trend_percent_per_year = 0.0;
            notes.push(format!(
                "Fewer than three whole years of entries in the reference period: no demand trend ({entries_by_year:?})."
            ));
        }
    }
    if entries_total > 0 {
        for b in AgeBand::ALL {
            let n: u64 = entries[band_index(b)].iter().sum();
            s.entries.age_percent[b] = n as f64 / entries_total as f64 * 100.0;
        }
        s.sources.insert(
            "entries.age_percent".into(),
            ssda(format!(
                "age on entering care, {entries_total} entries {reference_text}."
            )),
        );
    } else {
        notes.push(
            "No entries in the reference period: England's age mix and first placements kept."
                .into(),
        );
    }

    // First placements.
    let residential = placement_index(PlacementType::Residential);
    let share = |bands: &[AgeBand]| -> Option<f64> {
        let all: u64 = bands
            .iter()
            .map(|b| entries[band_index(*b)].iter().sum::<u64>())
            .sum();
        let res: u64 = bands
            .iter()
            .map(|b| entries[band_index(*b)][residential])
            .sum();
        (all > 0).then(|| res as f64 / all as f64 * 100.0)
    };
    if let Some(p) = share(&[AgeBand::Age0To4, AgeBand::Age5To9]) {
        s.entries.residential_percent_under_10 = p;
    }
    if let Some(p) = share(&[AgeBand::Age10To15, AgeBand::Age16, AgeBand::Age17]) {
        s.entries.residential_percent_10_plus = p;
    }
    for b in AgeBand::ALL {
        let row = entries[band_index(b)];
        let at = |p: PlacementType| row[placement_index(p)];
        let others = row.iter().sum::<u64>() - at(PlacementType::Residential);
        if others == 0 {
            notes.push(format!(
                "No entries aged {} placed outside residential homes: England's first placements kept for that age.",
                b.label()
            ));
            continue;
        }
        let pct = |n: u64| n as f64 / others as f64 * 100.0;
        let split = &mut s.entries.non_residential_split_percent[b];
        split.foster = pct(at(PlacementType::InHouseFoster) + at(PlacementType::Ifa));
        split.kinship = pct(at(PlacementType::Kinship));
        split.supported = pct(at(PlacementType::Supported));
        split.with_parents_other = pct(at(PlacementType::WithParentsOther));
    }
    s.sources.insert(
        "entries.first_placements".into(),
        ssda(format!(
            "the placement of each entry's first episode, {reference_text}."
        )),
    );
}

/// Exit rates: leavers a month per child in care, by age band and route. Returns the months
/// in care by age band.
fn set_exits(
    s: &mut Scenario,
    counts: &Counts,
    period: &Period<'_>,
    notes: &mut Vec<String>,
) -> [f64; 5] {
    let exits = &counts.exits;
    let exposure_days = counts.exposure_days;
    let reference_text = &period.reference_text;
    let ssda = |what: String| period.ssda(what);
    // Exit rates: leavers a month per child in care, by age band and route.
    let months_in_care: [f64; 5] = exposure_days.map(|d| d as f64 / DAYS_PER_MONTH);
    for (ending, rates) in [
        (
            Ending::ReturnHome,
            &mut s.exits.return_home_percent_per_month,
        ),
        (
            Ending::AdoptionSgo,
            &mut s.exits.adoption_sgo_percent_per_month,
        ),
        (Ending::Other, &mut s.exits.other_percent_per_month),
    ] {
        let counts = exits.get(&ending).copied().unwrap_or([0; 5]);
        for b in AgeBand::ALL {
            let i = band_index(b);
            if months_in_care[i] > 0.0 {
                rates[b] = counts[i] as f64 / months_in_care[i] * 100.0;
            }
        }
    }
    for b in AgeBand::ALL {
        if months_in_care[band_index(b)] <= 0.0 {
            notes.push(format!(
                "No child aged {} in care in the reference period: England's exit rates kept for that age.",
                b.label()
            ));
        }
    }
    let exit_count = |e: Ending| exits.get(&e).map_or(0, |c| c.iter().sum::<u64>());
    s.sources.insert(
        "exits".into(),
        ssda(format!(
            "children leaving care {reference_text} per month in care, by age band: {} returned home, {} adopted or under an order, {} for other reasons; {} turning 18 leave by the model's ageing.",
            exit_count(Ending::ReturnHome),
            exit_count(Ending::AdoptionSgo),
            exit_count(Ending::Other),
            exit_count(Ending::Turning18)
        )),
    );
    months_in_care
}

/// The moves the levers act on, as observed (the levers add to these; the model's "do
/// nothing" has none, so they are reported, not projected): residential to foster care and
/// 17-year-olds to supported accommodation, % a year.
fn observed_moves(s: &mut Scenario, counts: &Counts, period: &Period<'_>) -> (f64, f64) {
    let residential_days = counts.residential_days;
    let residential_to_foster = counts.residential_to_foster;
    let seventeen_not_supported_days = counts.seventeen_not_supported_days;
    let seventeen_to_supported = counts.seventeen_to_supported;
    let reference_text = &period.reference_text;
    let ssda = |what: String| period.ssda(what);
    let per_year = |moves: u64, days: i64| {
        if days > 0 {
            moves as f64 / (days as f64 / 365.25) * 100.0
        } else {
            0.0
        }
    };
    let residential_to_foster_percent = per_year(residential_to_foster, residential_days);
    let seventeen_percent = per_year(seventeen_to_supported, seventeen_not_supported_days);
    s.sources.insert(
        "observed_moves".into(),
        ssda(format!(
            "{residential_to_foster} moves from residential homes to foster care ({residential_to_foster_percent:.1}% of children in homes a year) and {seventeen_to_supported} 17-year-olds moved to supported accommodation ({seventeen_percent:.1}% a year), {reference_text}. The model's \"do nothing\" makes no such moves: the step-down levers are on top of these."
        )),
    );
    (residential_to_foster_percent, seventeen_percent)
}

/// Fits a scenario to `history`, starting from `template` (England's defaults, or a council's
/// published figures for the money). See the module's documentation.
pub fn fit_episodes(
    history: &CareHistory,
    template: &Scenario,
    source_name: &str,
    options: EpisodeFitOptions,
) -> Result<EpisodeFit, EpisodeFitError> {
    let (first_day, last_day) = history.covered;
    let last_month = last_day
        .month()
        .ok_or(EpisodeFitError::Unsupported(last_day))?;
    // Counts are whole from the month before the first day covered (its end is the night
    // before the first return's year begins).
    let first_month = first_day
        .month()
        .ok_or(EpisodeFitError::Unsupported(first_day))?
        .plus_months(-1);
    let at = options.at.unwrap_or(last_month);
    if at < first_month || at > last_month {
        return Err(EpisodeFitError::OutsideData {
            at,
            first: first_day,
            last: last_day,
        });
    }
    let Some(start_month) = Month::new(at.plus_months(1).year, at.plus_months(1).month) else {
        return Err(EpisodeFitError::Unsupported(last_day));
    };
    let at_day = Date::end_of(at);
    let mut notes = Vec::new();
    let mut s = template.clone();

    // The reference period: whole months up to `at`, no earlier than the data.
    let wanted_first = at.plus_months(1 - i64::from(options.reference_months.max(1)));
    let reference_first_month = wanted_first.max(first_day.month().unwrap_or(wanted_first));
    if reference_first_month > wanted_first {
        notes.push(format!(
            "The data begin {first_day}: entries and exits measured over {} months, not {}.",
            at.months_since(reference_first_month) + 1,
            options.reference_months
        ));
    }
    let reference_months = (at.months_since(reference_first_month) + 1).max(1) as u32;
    let window = (Date::start_of(reference_first_month), at_day.next_day());
    let period = Period {
        at,
        at_day,
        window,
        reference_months,
        reference_years: f64::from(reference_months) / 12.0,
        reference_text: format!("{} to {}", window.0, Date(window.1.0 - 1)),
        at_text: at_day.to_string(),
        source_name,
    };

    let counts = count_episodes(history, &period);
    let uasc_at_start: u64 = counts.uasc.stock.iter().sum();
    let children_at_start: u64 = counts.stock.iter().flatten().sum::<u64>() + uasc_at_start;
    if children_at_start == 0 {
        return Err(EpisodeFitError::NoChildren { at });
    }

    set_opening_and_entries(&mut s, &counts, &period, &mut notes);
    let months_in_care = set_exits(&mut s, &counts, &period, &mut notes);
    let (residential_to_foster_percent, seventeen_percent) =
        observed_moves(&mut s, &counts, &period);
    let Counts {
        under_16_in_supported,
        entries,
        entries_by_year,
        exits,
        residential_to_foster,
        seventeen_to_supported,
        uasc,
        ..
    } = counts;
    let Period {
        window,
        reference_years,
        reference_text,
        at_text,
        ..
    } = period;
    let ssda = |what: String| format!("SSDA903 ({source_name}): {what}");
    let entries_total: u64 = entries.iter().flatten().sum();

    // Unaccompanied asylum-seeking children, apart (or mixed in where the return cannot tell).
    s.uasc = uasc.fitted(
        history.uasc.is_some(),
        template,
        &s,
        reference_years,
        &reference_text,
        &mut notes,
    );
    if let Some(fitted) = &s.uasc {
        s.sources.insert(
            "uasc".into(),
            ssda(format!(
                "{uasc_at_start} unaccompanied asylum-seeking children (named in the UASC table) in care at the end of {at_text}, by age band; {} arrived {reference_text} ({:.1} a year, by age on arrival), {} left care before 18 ({:.2}% a month of their time in care). Weekly cost that of supported accommodation (assumption: most are 16 or 17); Home Office grant £{:.0} a week{}; arrivals {:+.0}% to {:+.0}% in Monte Carlo draws (assumption).",
                uasc.arrivals.iter().sum::<u64>(),
                fitted.arrivals_per_year,
                uasc.left_before_18,
                fitted.leaving_percent_per_month,
                fitted.grant_gbp_per_week,
                if template.uasc.is_some() {
                    " (the council's published rate)"
                } else {
                    " (the lower rate, £114 a night: set the higher £143 if the council's UASC are at least 0.07% of its children; Home Office answer to a parliamentary question, 23 December 2022)"
                },
                fitted.arrivals_change_percent.low,
                fitted.arrivals_change_percent.high,
            )),
        );
    } else {
        s.sources.remove("uasc");
    }

    // In-house carers and the uncertainty ranges follow the council fit's rules.
    crate::model::fit::in_house_carers(&mut s);
    crate::model::fit::council_uncertainty(&mut s);

    // Every month's count as actuals.
    s.actuals.looked_after = month_end_counts(history, first_month, last_month)
        .into_iter()
        .map(|(month, counts)| {
            let mut by_placement = BTreeMap::new();
            for p in PlacementType::ALL {
                by_placement.insert(p, counts[placement_index(p)] as f64);
            }
            CountedLookedAfter {
                month,
                total: counts.iter().sum::<u64>() as f64,
                by_placement,
                source: ssda(format!("children in care at the end of {month}.")),
            }
        })
        .collect();
    s.actuals.spend.clear();
    s.sources.insert(
        "actuals".into(),
        ssda(format!(
            "children in care at every month's end, {first_month} to {last_month}."
        )),
    );

    s.start_month = start_month;
    s.horizon_years = options.horizon_years.clamp(1, 10);
    s.target = None;
    // Levers start with the scenario and scale with the council's entries.
    let levers = crate::model::evidence::fit_levers_to_council(
        &mut s,
        crate::model::evidence::Library::shipped_or_empty(),
    );
    s.sources.insert("levers".into(), levers.clone());
    notes.push(levers);
    let measured = Measured {
        at: at_text,
        children_at_start,
        uasc_at_start,
        uasc_arrivals: uasc.arrivals.iter().sum(),
        uasc_left_before_18: uasc.left_before_18,
        reference: (window.0.to_string(), Date(window.1.0 - 1).to_string()),
        entries: entries_total,
        entries_by_year,
        exits: exits
            .iter()
            .map(|(ending, counts)| (*ending, counts.iter().sum()))
            .collect(),
        child_months: AgeBand::ALL
            .iter()
            .map(|b| (b.label().to_string(), months_in_care[band_index(*b)]))
            .collect(),
        residential_to_foster,
        residential_to_foster_percent_per_year: residential_to_foster_percent,
        seventeen_to_supported,
        seventeen_to_supported_percent_per_year: seventeen_percent,
        under_16_in_supported,
    };
    debug_assert!(
        (s.opening_looked_after.total_children()
            + s.uasc.as_ref().map_or(0.0, |u| u.opening_total())
            - children_at_start as f64)
            .abs()
            < 0.5
    );
    Ok(EpisodeFit {
        scenario: s,
        measured,
        notes,
    })
}
