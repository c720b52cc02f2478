//! A starting scenario for any English council, fitted to its published figures (DfE children
//! looked after, starts and ceased; section 251 spend and unit costs). Pure: the figures come in
//! as [`CouncilFigures`] (read from the shipped data by `crate::data`), and nothing after the
//! chosen 31 March is used unless asked for, so a backtest never sees the future.
//!
//! Every method is in docs/model.md, section 9; every fitted number names its source in the
//! scenario's `sources`, and every stand-in from England's pattern is listed in its notes.

use super::evidence::{Library, fit_levers_to_council};
use super::placement::{AgeBand, ByAgeBand, ByPlacement, PlacementType, Stock, StockTotals};
use super::projection::run;
use super::scenario::{CountedLookedAfter, Range, Scenario, Uasc};
use super::time::{FinancialYear, Month};
use std::collections::BTreeMap;

/// One table's published figures for a council: year (or financial year, as "2018-19") →
/// measure → value. A figure that is missing was suppressed or not published.
pub type Figures = BTreeMap<String, BTreeMap<String, f64>>;

/// A council's published figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CouncilFigures {
    /// DfE three-digit code, e.g. "926".
    pub code: String,
    /// Name, e.g. "Norfolk".
    pub name: String,
    /// Region, e.g. "East of England".
    pub region: String,
    /// Children looked after at 31 March, by year ("2017").
    pub looked_after: Figures,
    /// Children who started to be looked after in the year ending 31 March, by year.
    pub starts: Figures,
    /// Children who ceased to be looked after in the year ending 31 March, by year.
    pub ceased: Figures,
    /// Spend and unit costs by financial year ("2016-17").
    pub spend: Figures,
    /// Children aged 0 to 17 at 30 June of each year (ONS), when given.
    pub population: BTreeMap<i32, f64>,
}

/// England's figures the fit needs, worked out from every council (see [`england_figures`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnglandFigures {
    /// Median LAIT unit cost of foster care, £ a week, by financial year.
    pub fostering_unit_cost: BTreeMap<String, f64>,
    /// Median LAIT unit cost of residential care, £ a week, by financial year.
    pub residential_unit_cost: BTreeMap<String, f64>,
    /// Median LAIT unit cost of all children looked after, £ a week, by financial year.
    pub all_unit_cost: BTreeMap<String, f64>,
    /// Share (0 to 1) of S251 children-looked-after spend on the fostering and residential lines,
    /// all councils together, in the latest year the lines are published.
    pub placement_share_of_spend: f64,
    /// The financial year that share is from.
    pub placement_share_year: String,
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// England's medians and shares from every council's figures.
pub fn england_figures(councils: &[CouncilFigures]) -> EnglandFigures {
    let mut years: Vec<String> = councils
        .iter()
        .flat_map(|c| c.spend.keys().cloned())
        .collect();
    years.sort();
    years.dedup();
    let medians = |measure: &str| -> BTreeMap<String, f64> {
        years
            .iter()
            .filter_map(|year| {
                let values = councils
                    .iter()
                    .filter_map(|c| c.spend.get(year)?.get(measure).copied())
                    .collect();
                Some((year.clone(), median(values)?))
            })
            .collect()
    };
    let mut placement_share_of_spend = 0.0;
    let mut placement_share_year = String::new();
    for year in years.iter().rev() {
        let (mut lines, mut total) = (0.0, 0.0);
        for c in councils {
            let Some(s) = c.spend.get(year) else {
                continue;
            };
            if let (Some(f), Some(r), Some(t)) = (
                s.get("fostering_services_gbp"),
                s.get("residential_care_gbp"),
                s.get("s251_total_cla_line_gbp"),
            ) {
                lines += f + r;
                total += t;
            }
        }
        if total > 0.0 {
            placement_share_of_spend = lines / total;
            placement_share_year = year.clone();
            break;
        }
    }
    EnglandFigures {
        fostering_unit_cost: medians("unit_cost_fostering_gbp_per_week"),
        residential_unit_cost: medians("unit_cost_residential_gbp_per_week"),
        all_unit_cost: medians("unit_cost_all_cla_gbp_per_week"),
        placement_share_of_spend,
        placement_share_year,
    }
}

/// Why no scenario can be made for a council and year.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FitError {
    /// A figure the fit cannot do without is not published.
    #[error("{council}: {what} is not published, so no scenario can be made from {year} data")]
    Missing {
        /// The council.
        council: String,
        /// The 31 March year asked for.
        year: i32,
        /// What is missing, in words.
        what: String,
    },
    /// The council had no children in care.
    #[error("{council} had no children in care at 31 March {year}: there is nothing to project")]
    NoChildren {
        /// The council.
        council: String,
        /// The year.
        year: i32,
    },
}

/// A fitted scenario and what was filled in from England's pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct FittedScenario {
    /// The scenario, starting in April after the 31 March count.
    pub scenario: Scenario,
    /// Every stand-in and assumption, in words (also in the scenario's description).
    pub notes: Vec<String>,
}

/// National shares of foster care by 31 March year (DfE national tables, as in the data's
/// README): (kinship, IFA, in-house non-kin), % of foster placements. Years before 2018 use
/// 2018's (the first published); years after 2022 use 2022's.
fn foster_shares(year: i32) -> (f64, f64, f64) {
    match year {
        ..=2018 => (17.8, 34.2, 47.7),
        2019 => (18.7, 35.9, 45.0),
        2020 => (20.4, 36.9, 42.4),
        2021 => (21.8, 37.5, 40.4),
        _ => (22.0, 39.0, 38.5),
    }
}

/// The share of the pre-2020 group "secure units, children's homes and semi-independent living"
/// that was semi-independent living, England (README: 26% in 2018, 32% in 2019; 2018's before).
fn semi_independent_share(year: i32) -> f64 {
    if year >= 2019 { 0.32 } else { 0.26 }
}

fn get(figures: &Figures, year: &str, measure: &str) -> Option<f64> {
    figures
        .get(year)?
        .get(measure)
        .copied()
        .filter(|v| v.is_finite() && *v >= 0.0)
}

fn sum_of(figures: &Figures, year: &str, measures: &[&str]) -> Option<f64> {
    let values: Vec<f64> = measures
        .iter()
        .filter_map(|m| get(figures, year, m))
        .collect();
    (!values.is_empty()).then(|| values.iter().sum())
}

/// The council's children at 31 March `year` by the app's placement types, as published where
/// the data separate them and split by England's shares where they do not. None where no
/// placement is published at all.
pub(crate) fn placement_margins(
    figures: &CouncilFigures,
    year: i32,
    notes: &mut Vec<String>,
) -> Option<ByPlacement<f64>> {
    let y = year.to_string();
    let la = &figures.looked_after;
    let foster = get(la, &y, "placement_foster")?;
    let (kin, ifa, in_house) = foster_shares(year);
    notes.push(format!(
        "Foster care split {in_house}% in-house, {ifa}% agency (IFA), {kin}% kinship: England's shares at 31 March {} (no council publishes this split).",
        year.clamp(2018, 2022)
    ));
    let (residential, supported) = if year >= 2020 {
        (
            get(la, &y, "placement_secure_homes_and_childrens_homes_2020on").unwrap_or(0.0),
            get(
                la,
                &y,
                "placement_independent_semi_independent_living_2020on",
            )
            .unwrap_or(0.0),
        )
    } else {
        let old = get(
            la,
            &y,
            "placement_secure_childrens_homes_semi_independent_pre2020",
        )
        .unwrap_or(0.0);
        let community = get(la, &y, "placement_other_in_community_pre2020").unwrap_or(0.0);
        let semi = semi_independent_share(year);
        notes.push(format!(
            "Children's homes and semi-independent living are one published group before 2020: split {:.0}% / {:.0}% by England's share.",
            (1.0 - semi) * 100.0,
            semi * 100.0
        ));
        (old * (1.0 - semi), old * semi + community)
    };
    let with_parents_other = sum_of(
        la,
        &y,
        &[
            "placement_with_parents",
            "placement_placed_for_adoption",
            "placement_other",
            "placement_other_residential",
            "placement_residential_schools",
            "placement_missing_pre2015",
        ],
    )
    .unwrap_or(0.0);
    // The published shares are rounded and need not add up to 100: all foster children are
    // shared out.
    let shares = in_house + ifa + kin;
    let mut margins = ByPlacement::splat(0.0);
    margins[PlacementType::InHouseFoster] = foster * in_house / shares;
    margins[PlacementType::Ifa] = foster * ifa / shares;
    margins[PlacementType::Kinship] = foster * kin / shares;
    margins[PlacementType::Residential] = residential;
    margins[PlacementType::Supported] = supported;
    margins[PlacementType::WithParentsOther] = with_parents_other;
    Some(margins)
}

/// The council's children at 31 March `year` by age band (16 and 17 split by England's
/// pattern). None where no age is published.
fn age_margins(
    figures: &CouncilFigures,
    year: i32,
    england: &ByAgeBand<f64>,
    notes: &mut Vec<String>,
) -> Option<ByAgeBand<f64>> {
    let y = year.to_string();
    let la = &figures.looked_after;
    let under_5 = sum_of(la, &y, &["age_under_1", "age_1_to_4"])?;
    let mut margins = ByAgeBand::splat(0.0);
    margins[AgeBand::Age0To4] = under_5;
    margins[AgeBand::Age5To9] = get(la, &y, "age_5_to_9").unwrap_or(0.0);
    margins[AgeBand::Age10To15] = get(la, &y, "age_10_to_15").unwrap_or(0.0);
    let older = get(la, &y, "age_16_plus").unwrap_or(0.0);
    let (e16, e17) = (england[AgeBand::Age16], england[AgeBand::Age17]);
    let share_16 = if e16 + e17 > 0.0 {
        e16 / (e16 + e17)
    } else {
        0.5
    };
    notes.push(format!(
        "Children aged 16 and over split {:.0}% aged 16, {:.0}% aged 17: England's pattern (not published by council).",
        share_16 * 100.0,
        (1.0 - share_16) * 100.0
    ));
    margins[AgeBand::Age16] = older * share_16;
    margins[AgeBand::Age17] = older * (1.0 - share_16);
    Some(margins)
}

/// Iterative proportional fitting: the stock closest to `seed` (England's joint pattern) whose
/// placement and age totals are the given margins (both scaled to `total`). Cells that are zero
/// in the seed (supported accommodation under 16) stay zero.
pub(crate) fn fit_stock(
    seed: &Stock,
    placements: &ByPlacement<f64>,
    ages: &ByAgeBand<f64>,
    total: f64,
) -> Stock {
    let scale = |sum: f64| if sum > 0.0 { total / sum } else { 0.0 };
    let p_scale = scale(PlacementType::ALL.iter().map(|&p| placements[p]).sum());
    let a_scale = scale(ages.total());
    let mut stock = *seed;
    // Structural zeros (supported accommodation only at 16-17) slow convergence: allow many
    // rounds; each is 60 multiplications.
    for _ in 0..5000 {
        let mut worst: f64 = 0.0;
        for p in PlacementType::ALL {
            let row: f64 = AgeBand::ALL.iter().map(|&b| stock[p][b]).sum();
            let wanted = placements[p] * p_scale;
            worst = worst.max((row - wanted).abs());
            let factor = if row > 0.0 { wanted / row } else { 0.0 };
            for b in AgeBand::ALL {
                stock[p][b] *= factor;
            }
        }
        for b in AgeBand::ALL {
            let column: f64 = PlacementType::ALL.iter().map(|&p| stock[p][b]).sum();
            let wanted = ages[b] * a_scale;
            worst = worst.max((column - wanted).abs());
            let factor = if column > 0.0 { wanted / column } else { 0.0 };
            for p in PlacementType::ALL {
                stock[p][b] *= factor;
            }
        }
        if worst < 1e-9 {
            break;
        }
    }
    // Where structural zeros make both margins impossible at once, the total still holds.
    let sum = stock.total_children();
    if sum > 0.0 && (sum - total).abs() > 1e-9 {
        for p in PlacementType::ALL {
            for b in AgeBand::ALL {
                stock[p][b] *= total / sum;
            }
        }
    }
    stock
}

/// The % a year that best fits `values` (by least squares on their logarithms), or none with
/// fewer than three positive values.
pub fn log_linear_trend(values: &[(f64, f64)]) -> Option<f64> {
    let points: Vec<(f64, f64)> = values
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|&(x, v)| (x, v.ln()))
        .collect();
    if points.len() < 3 {
        return None;
    }
    let line = least_squares(&points)?;
    Some((line.slope.exp() - 1.0) * 100.0)
}

/// A straight line fitted by least squares: through the means, with this slope.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Mean of the x values.
    pub mean_x: f64,
    /// Mean of the y values.
    pub mean_y: f64,
    /// Change in y per unit of x (0 when every x is the same).
    pub slope: f64,
}

impl Line {
    /// The line's value at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.mean_y + self.slope * (x - self.mean_x)
    }
}

/// The least-squares line through `points` (none if there are none).
pub fn least_squares(points: &[(f64, f64)]) -> Option<Line> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    Some(Line {
        mean_x,
        mean_y,
        slope,
    })
}

/// The largest demand trend a fit sets, % a year either way: a five-year trend is a weak
/// guide, and compounding an extreme one over ten years would say more than the data can.
pub const MAX_FITTED_TREND_PERCENT: f64 = 5.0;

/// How much of a five-year trend a fit keeps: trends in starts do not persist in full (an
/// assumption, tuned only on backtest origins 2017-2019; docs/model.md 9.3).
pub const TREND_KEPT: f64 = 0.25;

/// Years of starts and of children leaving care averaged for the entries and the exits: one
/// year's flows are noisy for a council of a few hundred children (tuned only on backtest
/// origins 2017-2019; docs/model.md 9.3).
pub const FLOW_YEARS: i32 = 3;

/// How much of the recent gap between starts and leavers the fitted rates carry on (1: all of
/// it; 0: none, so numbers hold steady but for the trend and the age mix). Tuned only on
/// backtest origins 2017-2019 (docs/model.md 9.3).
pub const GAP_KEPT: f64 = 0.0;

/// How far a council's entries a year (% change), demand trend (points either way) and exit
/// rates (% change) may be from the fitted values in its Monte Carlo draws: wider than England's
/// defaults, because a council's few hundred children move more from year to year than
/// England's, and skewed towards more children (entries up to +45% but down only 25%, exits
/// down 50% but up only 35%), because later counts that miss the band miss it above far more
/// often than below. Tuned only on backtest origins 2014-2019 so that about 80% of later counts
/// fall inside P10-P90 and about 10% either side, as the band's name promises (issue 20; before
/// it, a symmetric ±25%, ±4 and ±35% tuned on 2017-2019 held 71%, with 17% above and 3% below;
/// docs/model.md 9.3).
pub const COUNCIL_RANGES: CouncilRanges = CouncilRanges {
    entries_change_percent: (-25.0, 45.0),
    demand_trend_points: 4.0,
    exit_rates_change_percent: (-50.0, 35.0),
};

/// The Monte Carlo ranges of a council's fitted scenario ([`COUNCIL_RANGES`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CouncilRanges {
    /// Entries a year, % change (low, high).
    pub entries_change_percent: (f64, f64),
    /// Demand trend, points either way.
    pub demand_trend_points: f64,
    /// Exit rates, % change (low, high).
    pub exit_rates_change_percent: (f64, f64),
}

/// The mean of a flow over the `FLOW_YEARS` years to `year` (those published).
fn mean_flow(figures: &Figures, year: i32) -> Option<(f64, usize)> {
    let values: Vec<f64> = ((year - FLOW_YEARS + 1)..=year)
        .filter_map(|y| get(figures, &y.to_string(), "total"))
        .collect();
    (!values.is_empty()).then(|| {
        (
            values.iter().sum::<f64>() / values.len() as f64,
            values.len(),
        )
    })
}

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

fn financial_year_ending(year: i32) -> String {
    FinancialYear::starting(year - 1).to_string()
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
    let source = |text: String| text;
    let dfe = format!(
        "DfE, Children looked after in England including adoptions, {}",
        figures.name
    );

    // Opening children: IPF of England's joint pattern to the council's margins.
    let seed = template.opening_looked_after;
    let england_ages: ByAgeBand<f64> = {
        let mut ages = ByAgeBand::splat(0.0);
        for b in AgeBand::ALL {
            ages[b] = seed.in_age_band(b);
        }
        ages
    };
    let placements = match placement_margins(figures, year, &mut notes) {
        Some(margins) => margins,
        None => {
            notes.push(format!(
                "No placements published for 31 March {year}: England's placement mix used."
            ));
            seed.by_placement()
        }
    };
    let ages = match age_margins(figures, year, &england_ages, &mut notes) {
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
        source(format!(
            "{dfe}: {} children at 31 March {year}; placement and age totals as published, the joint split by iterative proportional fitting of England's pattern (docs/model.md 9.1).",
            total as i64
        )),
    );

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

    // Unaccompanied asylum-seeking children apart, where published.
    if options.uasc_apart {
        fit_uasc(&mut s, figures, year, &dfe, &mut notes);
    }

    // Exits: calibrated to the year's ceased count and its split by reason.
    fit_exits(&mut s, figures, year, &mut notes);

    // Money: unit costs, prices and the budget.
    fit_money(&mut s, figures, england, template, year, &mut notes);

    in_house_carers(&mut s);

    // Every published count as an actual.
    for (count_year, values) in &figures.looked_after {
        let Ok(count_year) = count_year.parse::<i32>() else {
            continue;
        };
        if count_year > year && !options.later_counts {
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

    council_uncertainty(&mut s);
    s.council = Some(figures.code.clone());
    let levers = fit_levers_to_council(&mut s, Library::shipped_or_empty());
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

/// UASC in care by age band (10-15, 16, 17), shares: not published by council; an assumption
/// that most are 16 or 17 (they arrive at 14-17 and stay to 18).
pub const UASC_STOCK_AGE_SHARE: [f64; 3] = [0.15, 0.35, 0.50];

/// UASC arriving by age band (10-15, 16, 17), shares: an assumption (arrivals are 14-17, most
/// 16 or 17).
pub const UASC_ARRIVAL_AGE_SHARE: [f64; 3] = [0.25, 0.45, 0.30];

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
fn fit_uasc(
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
        weekly_cost_gbp: s.costs.weekly_gbp[PlacementType::Supported],
        grant_gbp_per_week: per_night * 7.0,
        arrivals_change_percent: Range::new(UASC_ARRIVALS_CHANGE.0, UASC_ARRIVALS_CHANGE.1),
    });
    s.sources.insert(
        "uasc".into(),
        format!(
            "{dfe}: {count:.0} unaccompanied asylum-seeking children at 31 March {year}, counted apart (ages assumed {:.0}% 10-15, {:.0}% 16, {:.0}% 17); arrivals {arrivals_per_year:.1} a year, {}, taken out of the entries; leaving before 18 {leaving_percent_per_month:.2}% a month, so that arrivals replace leavers and the number holds steady; weekly cost that of supported accommodation (assumption: most are 16 or 17); Home Office grant £{per_night:.0} a night (£{:.0} a week{}), Home Office answer to a parliamentary question, 23 December 2022; arrivals {:+.0}% to {:+.0}% in Monte Carlo draws (assumption).",
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

/// Exit rates calibrated to the ceased count in the year to 31 March `year` and its reasons.
fn fit_exits(s: &mut Scenario, figures: &CouncilFigures, year: i32, notes: &mut Vec<String>) {
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
        for (rates, base) in [
            (
                &mut trial.exits.return_home_percent_per_month,
                &base.return_home_percent_per_month,
            ),
            (
                &mut trial.exits.adoption_sgo_percent_per_month,
                &base.adoption_sgo_percent_per_month,
            ),
            (
                &mut trial.exits.other_percent_per_month,
                &base.other_percent_per_month,
            ),
        ] {
            for b in AgeBand::ALL {
                rates[b] = (base[b] * k).clamp(0.0, 50.0);
            }
        }
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
    for (rates, base) in [
        (
            &mut s.exits.return_home_percent_per_month,
            &base.return_home_percent_per_month,
        ),
        (
            &mut s.exits.adoption_sgo_percent_per_month,
            &base.adoption_sgo_percent_per_month,
        ),
        (
            &mut s.exits.other_percent_per_month,
            &base.other_percent_per_month,
        ),
    ] {
        for b in AgeBand::ALL {
            rates[b] = ((base[b] * k).clamp(0.0, 50.0) * 10_000.0).round() / 10_000.0;
        }
    }
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

/// Weekly costs from the council's unit costs, the price level of the year, and the budget.
fn fit_money(
    s: &mut Scenario,
    figures: &CouncilFigures,
    england: &EnglandFigures,
    template: &Scenario,
    year: i32,
    notes: &mut Vec<String>,
) {
    let fy = financial_year_ending(year);
    // The template's costs are at 2024-25 prices; the data's unit costs end at 2021-22. Take
    // the template back three years at its own inflation, then to the year by England's median
    // unit cost of all children looked after.
    let latest = england.all_unit_cost.iter().next_back();
    let at_year = england
        .all_unit_cost
        .get(&fy)
        .or_else(|| england.all_unit_cost.values().next());
    let price = match (latest, at_year) {
        (Some((_, latest)), Some(at_year)) if *latest > 0.0 => {
            at_year / latest / (1.0 + template.costs.inflation_percent_per_year / 100.0).powi(3)
        }
        _ => 1.0,
    };
    if !england.all_unit_cost.contains_key(&fy) {
        notes.push(format!(
            "No unit costs are published for {fy}: prices taken from the earliest year that has them."
        ));
    }
    let council_cost = |measure: &str| get(&figures.spend, &fy, measure);
    let ratio = |measure: &str, medians: &BTreeMap<String, f64>| -> Option<f64> {
        let median = medians.get(&fy)?;
        (*median > 0.0).then(|| council_cost(measure).map(|c| c / median))?
    };
    let fostering = ratio(
        "unit_cost_fostering_gbp_per_week",
        &england.fostering_unit_cost,
    );
    let residential = ratio(
        "unit_cost_residential_gbp_per_week",
        &england.residential_unit_cost,
    );
    if fostering.is_none() || residential.is_none() {
        notes.push(format!(
            "The council's own unit costs are not published for {fy}: England's used for {}.",
            match (fostering.is_none(), residential.is_none()) {
                (true, true) => "foster and residential care",
                (true, false) => "foster care",
                _ => "residential care",
            }
        ));
    }
    for p in PlacementType::ALL {
        let factor = match p {
            PlacementType::InHouseFoster | PlacementType::Ifa | PlacementType::Kinship => {
                fostering.unwrap_or(1.0)
            }
            PlacementType::Residential => residential.unwrap_or(1.0),
            _ => 1.0,
        };
        s.costs.weekly_gbp[p] = (template.costs.weekly_gbp[p] * price * factor).round();
    }
    s.sources.insert(
        "costs.weekly_gbp".into(),
        format!(
            "England's weekly costs (blank council, 2024-25 prices) at {fy} prices (England's median unit cost, DfE LAIT), times the council's own unit cost against England's median for foster care ({}) and residential care ({}) (docs/model.md 9.2).",
            fostering.map_or("not published".into(), |f| format!("{f:.2}")),
            residential.map_or("not published".into(), |f| format!("{f:.2}"))
        ),
    );
    // The budget: the council's S251 children-looked-after spend, scaled to the placement line.
    let cla = council_cost("total_cla_gross_gbp").or_else(|| {
        // The latest earlier year that has it.
        figures
            .spend
            .range(..fy.clone())
            .rev()
            .find_map(|(_, v)| v.get("total_cla_gross_gbp").copied())
    });
    let share = england.placement_share_of_spend;
    s.budget.by_financial_year_gbp.clear();
    let first_year = s.start_month.financial_year();
    let opening_spend = super::finance::project(s)
        .years
        .first()
        .map(|y| y.spend_gbp * 12.0 / f64::from(y.months_covered.max(1)))
        .unwrap_or(0.0);
    let budget = match cla {
        Some(cla) if share > 0.0 => {
            s.sources.insert(
                "budget.by_financial_year_gbp".into(),
                format!(
                    "REPLACE with the council's placement budget. Estimated: its section 251 spend on children looked after ({}) times the share of that spend on the fostering and residential lines across England in {} ({:.0}%).",
                    crate::model::scenario::format_number((cla / 1000.0).round() * 1000.0),
                    england.placement_share_year,
                    share * 100.0
                ),
            );
            cla * share
        }
        _ => {
            notes.push("No section 251 spend published: the budget is set to the projected spend of the first year.".into());
            opening_spend
        }
    };
    s.budget
        .by_financial_year_gbp
        .insert(first_year, (budget / 1000.0).round() * 1000.0);
    notes.push("The placement budget is an estimate from section 251 spend: replace it with the council's own.".into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportional_fitting_matches_both_margins_and_keeps_structural_zeros() {
        let seed = crate::io::scenario_file::blank_council()
            .unwrap()
            .opening_looked_after;
        let mut placements = ByPlacement::splat(100.0);
        placements[PlacementType::Supported] = 40.0;
        let mut ages = ByAgeBand::splat(0.0);
        ages[AgeBand::Age0To4] = 120.0;
        ages[AgeBand::Age5To9] = 110.0;
        ages[AgeBand::Age10To15] = 200.0;
        ages[AgeBand::Age16] = 60.0;
        ages[AgeBand::Age17] = 50.0;
        let total = 540.0;
        let stock = fit_stock(&seed, &placements, &ages, total);
        for p in PlacementType::ALL {
            assert!(
                (stock.in_placement(p) - placements[p]).abs() < 1e-6,
                "{p:?}"
            );
        }
        for b in AgeBand::ALL {
            assert!((stock.in_age_band(b) - ages[b]).abs() < 1e-6, "{b:?}");
        }
        assert_eq!(stock[PlacementType::Supported][AgeBand::Age0To4], 0.0);
        assert!((stock.total_children() - total).abs() < 1e-6);
    }

    #[test]
    fn a_steady_five_percent_rise_is_found() {
        let values: Vec<(f64, f64)> = (0..5)
            .map(|i| (2015.0 + f64::from(i), 400.0 * 1.05f64.powi(i)))
            .collect();
        assert!((log_linear_trend(&values).unwrap() - 5.0).abs() < 1e-9);
        assert_eq!(log_linear_trend(&values[..2]), None);
    }
}
