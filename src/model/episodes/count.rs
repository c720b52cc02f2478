//! Counting a care history: the children at a month's end, entries, exits, time in care and
//! the moves the levers act on, over a reference period; what the fit (`fit.rs`) sets from.

use super::clean::CareHistory;
use super::codes::Ending;
use super::date::Date;
use crate::model::fit::{UASC_ARRIVAL_AGE_SHARE, UASC_ARRIVALS_CHANGE, UASC_GRANT_GBP_PER_NIGHT};
use crate::model::placement::{AgeBand, ByAgeBand, PlacementType};
use crate::model::scenario::{Range, Scenario, Uasc};
use crate::model::time::Month;
use std::collections::BTreeMap;

/// Average days in a month (365.25 / 12), to turn child-days into child-months.
pub(super) const DAYS_PER_MONTH: f64 = 30.4375;

/// The age band of a child born on `birth` on `day`; none before birth or from 18.
pub(crate) fn band_at(birth: Date, day: Date) -> Option<AgeBand> {
    let age = |years| birth.years_later(years);
    if day < birth {
        return None;
    }
    Some(if day < age(5) {
        AgeBand::Age0To4
    } else if day < age(10) {
        AgeBand::Age5To9
    } else if day < age(16) {
        AgeBand::Age10To15
    } else if day < age(17) {
        AgeBand::Age16
    } else if day < age(18) {
        AgeBand::Age17
    } else {
        return None;
    })
}

pub(super) fn band_index(band: AgeBand) -> usize {
    AgeBand::ALL.iter().position(|b| *b == band).unwrap_or(0)
}

pub(super) fn placement_index(placement: PlacementType) -> usize {
    PlacementType::ALL
        .iter()
        .position(|p| *p == placement)
        .unwrap_or(0)
}

/// Counts of children in care at each month's end from `first` to `last`, total and by
/// placement (children past 18 are not counted).
pub(crate) fn month_end_counts(
    history: &CareHistory,
    first: Month,
    last: Month,
) -> Vec<(Month, [u64; 6])> {
    let months = (last.months_since(first) + 1).max(0) as usize;
    let mut counts = vec![[0u64; 6]; months];
    for episode in &history.episodes {
        let birth = history.births[episode.child];
        let Some(mut month) = episode.start.month() else {
            continue;
        };
        if month < first {
            month = first;
        }
        loop {
            let index = month.months_since(first);
            if index < 0 || index as usize >= months {
                break;
            }
            let day = Date::end_of(month);
            if episode.end.is_some_and(|end| end <= day) {
                break;
            }
            if day >= episode.start && band_at(birth, day).is_some() {
                counts[index as usize][placement_index(episode.placement)] += 1;
            }
            month = month.plus_months(1);
        }
    }
    (0..months)
        .map(|i| (first.plus_months(i as i64), counts[i]))
        .collect()
}

/// Unaccompanied asylum-seeking children named in the return, counted apart from the others.
#[derive(Default)]
pub(super) struct UascCounts {
    /// In care at the end of `at`, by age band.
    pub(super) stock: [u64; 5],
    /// Periods of care begun in the reference period, by age band on arrival.
    pub(super) arrivals: [u64; 5],
    /// Left care before 18 in the reference period.
    pub(super) left_before_18: u64,
    /// Days in care under 18 in the reference period.
    pub(super) days: i64,
}

impl UascCounts {
    pub(super) fn count(
        &mut self,
        episode: &super::clean::Episode,
        birth: Date,
        at_day: Date,
        window: (Date, Date),
    ) {
        let in_window = |day: Date| day >= window.0 && day < window.1;
        if episode.start <= at_day
            && episode.end.is_none_or(|end| end > at_day)
            && let Some(band) = band_at(birth, at_day)
        {
            self.stock[band_index(band)] += 1;
        }
        if episode.first_of_period
            && in_window(episode.start)
            && let Some(band) = band_at(birth, episode.start)
        {
            self.arrivals[band_index(band)] += 1;
        }
        if let (Some(ending), Some(end)) = (episode.leaves_care, episode.end)
            && in_window(end)
            && ending != Ending::Turning18
        {
            self.left_before_18 += 1;
        }
        let from = episode.start.max(window.0);
        let to = episode
            .end
            .unwrap_or(window.1)
            .min(window.1)
            .min(birth.years_later(18));
        if to > from {
            self.days += i64::from(to.0 - from.0);
        }
    }

    /// The scenario's UASC: None where the return holds no UASC table (they stay mixed in, as
    /// DfE's counts before 2020 had them) or names none in care or arriving.
    pub(super) fn fitted(
        &self,
        return_names_uasc: bool,
        template: &Scenario,
        s: &Scenario,
        reference_years: f64,
        reference_text: &str,
        notes: &mut Vec<String>,
    ) -> Option<Uasc> {
        let arrivals: u64 = self.arrivals.iter().sum();
        let stock: u64 = self.stock.iter().sum();
        if !return_names_uasc {
            notes.push(
                "The files hold no UASC table: unaccompanied asylum-seeking children are counted with the other children (add the return's UASC table to count them apart, with the Home Office grant).".into(),
            );
            return None;
        }
        if arrivals == 0 && stock == 0 {
            notes.push(format!(
                "The UASC table names no child in care at the start or arriving {reference_text}: none counted apart."
            ));
            return None;
        }
        let mut opening = ByAgeBand::splat(0.0);
        let mut arrival_age_percent = ByAgeBand::splat(0.0);
        for b in AgeBand::ALL {
            opening[b] = self.stock[band_index(b)] as f64;
            if arrivals > 0 {
                arrival_age_percent[b] =
                    self.arrivals[band_index(b)] as f64 / arrivals as f64 * 100.0;
            }
        }
        if arrivals == 0 {
            for (band, share) in [AgeBand::Age10To15, AgeBand::Age16, AgeBand::Age17]
                .into_iter()
                .zip(UASC_ARRIVAL_AGE_SHARE)
            {
                arrival_age_percent[band] = share * 100.0;
            }
        }
        let months = self.days as f64 / DAYS_PER_MONTH;
        let leaving = if months > 0.0 {
            self.left_before_18 as f64 / months * 100.0
        } else {
            0.0
        };
        let grant = template
            .uasc
            .as_ref()
            .map_or(UASC_GRANT_GBP_PER_NIGHT.0 * 7.0, |published| {
                published.grant_gbp_per_week
            });
        notes.push(format!(
            "{stock} unaccompanied asylum-seeking children counted apart ({:.1} arriving a year), with the Home Office grant of £{grant:.0} a week; their weekly cost is an assumption.",
            arrivals as f64 / reference_years
        ));
        Some(Uasc {
            opening,
            arrivals_per_year: (arrivals as f64 / reference_years * 10.0).round() / 10.0,
            arrivals_trend_percent_per_year: 0.0,
            arrival_age_percent,
            leaving_percent_per_month: (leaving * 100.0).round() / 100.0,
            weekly_cost_gbp: s.costs.weekly_gbp[PlacementType::Supported],
            grant_gbp_per_week: grant,
            arrivals_change_percent: Range::new(UASC_ARRIVALS_CHANGE.0, UASC_ARRIVALS_CHANGE.1),
        })
    }
}

/// What the episodes say about the reference period and the count at its end.
pub(super) struct Counts {
    /// Children at the end of `at`, by placement and age band.
    pub(super) stock: [[u64; 5]; 6],
    /// Children under 16 in supported accommodation (at the start or on entry).
    pub(super) under_16_in_supported: u64,
    /// Entries, by age band and the placement of the first episode.
    pub(super) entries: [[u64; 6]; 5],
    /// Entries by whole year of the reference period, oldest first.
    pub(super) entries_by_year: Vec<u64>,
    /// Leavers by ending and age band.
    pub(super) exits: BTreeMap<Ending, [u64; 5]>,
    /// Child-days in care by age band.
    pub(super) exposure_days: [i64; 5],
    /// Child-days in residential homes.
    pub(super) residential_days: i64,
    /// Days 17-year-olds spent outside supported accommodation.
    pub(super) seventeen_not_supported_days: i64,
    /// Moves from residential homes to foster care.
    pub(super) residential_to_foster: u64,
    /// 17-year-olds moved to supported accommodation.
    pub(super) seventeen_to_supported: u64,
    /// Unaccompanied asylum-seeking children, counted apart.
    pub(super) uasc: UascCounts,
}

/// The reference period and the words that name where each figure comes from.
pub(super) struct Period<'a> {
    /// The month at whose end the opening children are counted.
    pub(super) at: Month,
    /// Its last day.
    pub(super) at_day: Date,
    /// The period's first day, and the day after its last.
    pub(super) window: (Date, Date),
    /// Its length in months, and in years.
    pub(super) reference_months: u32,
    pub(super) reference_years: f64,
    /// "2016-04-01 to 2019-03-31".
    pub(super) reference_text: String,
    /// The last day, in words.
    pub(super) at_text: String,
    /// The files' names, for the sources.
    pub(super) source_name: &'a str,
}

impl Period<'_> {
    /// "SSDA903 (files): what".
    pub(super) fn ssda(&self, what: String) -> String {
        format!("SSDA903 ({}): {what}", self.source_name)
    }
}

/// Counts every episode into the opening stock, entries, exits, time in care and the moves
/// the levers act on.
pub(super) fn count_episodes(history: &CareHistory, period: &Period<'_>) -> Counts {
    let (at, at_day, window) = (period.at, period.at_day, period.window);
    let mut stock = [[0u64; 5]; 6];
    let mut under_16_in_supported = 0u64;
    let mut entries = [[0u64; 6]; 5]; // [band][placement of the first episode]
    let years = (period.reference_months / 12) as usize;
    let mut entries_by_year = vec![0u64; years];
    let mut exits: BTreeMap<Ending, [u64; 5]> = BTreeMap::new();
    let mut exposure_days = [0i64; 5];
    let mut residential_days = 0i64;
    let mut seventeen_not_supported_days = 0i64;
    let mut residential_to_foster = 0u64;
    let mut seventeen_to_supported = 0u64;
    let in_window = |day: Date| day >= window.0 && day < window.1;
    let mut uasc = UascCounts::default();

    for (i, episode) in history.episodes.iter().enumerate() {
        let birth = history.births[episode.child];
        if history.is_uasc(episode.child) {
            uasc.count(episode, birth, at_day, window);
            continue;
        }
        // Opening stock.
        if episode.start <= at_day
            && episode.end.is_none_or(|end| end > at_day)
            && let Some(band) = band_at(birth, at_day)
        {
            let mut placement = episode.placement;
            if placement == PlacementType::Supported && !band.may_be_in_supported() {
                under_16_in_supported += 1;
                placement = PlacementType::WithParentsOther;
            }
            stock[placement_index(placement)][band_index(band)] += 1;
        }
        // Entries.
        if episode.first_of_period
            && in_window(episode.start)
            && let Some(band) = band_at(birth, episode.start)
        {
            let mut placement = episode.placement;
            if placement == PlacementType::Supported && !band.may_be_in_supported() {
                under_16_in_supported += 1;
                placement = PlacementType::WithParentsOther;
            }
            entries[band_index(band)][placement_index(placement)] += 1;
            let months_before_end = at.months_since(episode.start.month().unwrap_or(at));
            let year_from_end = (months_before_end / 12) as usize;
            if year_from_end < years {
                entries_by_year[years - 1 - year_from_end] += 1;
            }
        }
        // Exits.
        if let (Some(ending), Some(end)) = (episode.leaves_care, episode.end)
            && in_window(end)
        {
            let day_before = Date(end.0 - 1);
            let band = band_at(birth, day_before).unwrap_or(AgeBand::Age17);
            exits.entry(ending).or_insert([0; 5])[band_index(band)] += 1;
        }
        // Child-days in the period by age band, and the moves the levers act on.
        let from = episode.start.max(window.0);
        let to = episode.end.unwrap_or(window.1).min(window.1);
        if to > from {
            let bounds = [0, 5, 10, 16, 17, 18].map(|years| birth.years_later(years));
            for (b, days) in exposure_days.iter_mut().enumerate() {
                let lo = from.max(bounds[b]);
                let hi = to.min(bounds[b + 1]);
                if hi > lo {
                    let d = i64::from(hi.0 - lo.0);
                    *days += d;
                    if b == 4 && episode.placement != PlacementType::Supported {
                        seventeen_not_supported_days += d;
                    }
                }
            }
            if episode.placement == PlacementType::Residential {
                let lo = from.max(bounds[0]);
                let hi = to.min(bounds[5]);
                residential_days += i64::from((hi.0 - lo.0).max(0));
            }
        }
        if let Some(next) = history.episodes.get(i + 1)
            && next.child == episode.child
            && !next.first_of_period
            && in_window(next.start)
        {
            if episode.placement == PlacementType::Residential && next.placement.is_foster() {
                residential_to_foster += 1;
            }
            if next.placement == PlacementType::Supported
                && episode.placement != PlacementType::Supported
                && band_at(birth, next.start) == Some(AgeBand::Age17)
            {
                seventeen_to_supported += 1;
            }
        }
    }
    Counts {
        stock,
        under_16_in_supported,
        entries,
        entries_by_year,
        exits,
        exposure_days,
        residential_days,
        seventeen_not_supported_days,
        residential_to_foster,
        seventeen_to_supported,
        uasc,
    }
}
