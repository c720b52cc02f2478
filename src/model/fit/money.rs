//! Weekly costs and the budget from the council's unit costs and spend.

use super::figures::financial_year_ending;
use super::figures::{CouncilFigures, EnglandFigures, Figures, get};
use crate::model::placement::{PlacementType, StockTotals};
use crate::model::scenario::Scenario;
use std::collections::BTreeMap;

/// Weekly prices inside foster care relative to the council's LAIT fostering unit cost, which
/// covers in-house, agency and kinship foster care together: (in-house non-kin, agency (IFA),
/// kinship). In-house and IFA from S251 2013-14 fostering spend by provider over Ofsted counts
/// (in-house 0.77, IFA 1.43 of the average; worked out here from the shipped data) and the
/// CMA's IFA price as reported by others (about £820 a week c.2020, 1.36 of LAIT's 2019-20
/// average; the CMA's own table not read); kinship an assumption (no published weekly cost; its
/// allowances equal mainstream ones, fees usually lower). Scaled so that England's mix of foster
/// placements averages the council's unit cost (docs/research/placement_prices_and_uasc_grant.md).
pub const FOSTER_PRICE_RATIOS: (f64, f64, f64) = (0.80, 1.40, 0.65);

/// Supported accommodation for 16 and 17-year-olds, × the council's residential unit cost:
/// 0.25 to 2022-23, 0.30 from 2023-24 (Ofsted regulation from October 2023, expected to add
/// 15-30%: CCN/Newton 2023). Weak: single-council FOIs range £621-£3,324 a week
/// (docs/research/placement_prices_and_uasc_grant.md); enter the council's own where known.
pub const SUPPORTED_TO_RESIDENTIAL: (f64, f64) = (0.25, 0.30);

/// Placed with parents or other settings, × the fostering unit cost: little falls on the
/// placement line (assumption: the blank council's £30 a week against England's median foster
/// care unit cost of £790 in 2024-25).
pub const WITH_PARENTS_TO_FOSTERING: f64 = 0.04;

/// The latest value of `measure` in a financial year up to `fy` (none after it: a scenario made
/// at a year uses no figure published later), with its year.
fn latest_up_to(figures: &Figures, fy: &str, measure: &str) -> Option<(String, f64)> {
    figures
        .range(..=fy.to_string())
        .rev()
        .find_map(|(year, values)| {
            let value = *values.get(measure)?;
            (value.is_finite() && value > 0.0).then(|| (year.clone(), value))
        })
}

/// The latest England median up to `fy`, with its year.
fn england_up_to(medians: &BTreeMap<String, f64>, fy: &str) -> Option<(String, f64)> {
    medians
        .range(..=fy.to_string())
        .next_back()
        .map(|(year, value)| (year.clone(), *value))
}

/// A weekly unit cost for the council: its own (the latest published up to `fy`), or England's
/// median where it publishes none; the words saying which, for the sources.
fn unit_cost(
    figures: &CouncilFigures,
    medians: &BTreeMap<String, f64>,
    fy: &str,
    measure: &str,
    what: &str,
    notes: &mut Vec<String>,
) -> Option<(f64, String, String)> {
    if let Some((year, value)) = latest_up_to(&figures.spend, fy, measure) {
        return Some((
            value,
            year.clone(),
            format!("the council's {what} unit cost, £{value:.0} a week in {year} (DfE LAIT)"),
        ));
    }
    let (year, value) = england_up_to(medians, fy)?;
    notes.push(format!(
        "The council publishes no {what} unit cost up to {fy}: England's median (£{value:.0} a week in {year}) used."
    ));
    Some((
        value,
        year.clone(),
        format!(
            "England's median {what} unit cost, £{value:.0} a week in {year} (DfE LAIT; the council's own not published)"
        ),
    ))
}

/// Weekly prices from the council's own published unit costs (the latest up to the year before
/// the start), and the budget.
pub(super) fn fit_money(
    s: &mut Scenario,
    figures: &CouncilFigures,
    england: &EnglandFigures,
    template: &Scenario,
    year: i32,
    notes: &mut Vec<String>,
) {
    let fy = financial_year_ending(year);
    let fostering = unit_cost(
        figures,
        &england.fostering_unit_cost,
        &fy,
        "unit_cost_fostering_gbp_per_week",
        "foster care",
        notes,
    );
    let residential = unit_cost(
        figures,
        &england.residential_unit_cost,
        &fy,
        "unit_cost_residential_gbp_per_week",
        "residential care",
        notes,
    );
    let (
        Some((fostering, fostering_year, fostering_words)),
        Some((residential, residential_year, residential_words)),
    ) = (fostering, residential)
    else {
        notes.push(format!(
            "No unit costs are published up to {fy}: England's weekly costs (blank council, 2024-25 prices) kept."
        ));
        s.costs.weekly_gbp = template.costs.weekly_gbp;
        fit_budget(s, figures, &fy, notes);
        return;
    };
    // Prices grow by type as the unit costs have (fitted first: the opening prices are
    // uplifted by them too).
    let growth = fit_price_growth(s, figures, england, &fy);
    notes.push(format!(
        "Prices grow by type as England's median unit costs have over five years: {growth}."
    ));
    let (fostering_growth, residential_growth) = s
        .costs
        .price_growth_percent_per_year
        .as_ref()
        .map_or((0.0, 0.0), |g| {
            (g[PlacementType::Ifa], g[PlacementType::Residential])
        });
    // The unit costs are the average of their year; the projection's first year is the next
    // one (or later, if the latest published is older), uplifted at each type's growth.
    let years_on = |from: &str| {
        let start = s.start_month.financial_year().to_string();
        let (Some(from), Some(to)) = (first_year_of(from), first_year_of(&start)) else {
            return 1;
        };
        (to - from).max(0)
    };
    let uplift = |from: &str, percent: f64| (1.0 + percent / 100.0).powi(years_on(from));
    let fostering_now = fostering * uplift(&fostering_year, fostering_growth);
    let residential_now = residential * uplift(&residential_year, residential_growth);
    let (kinship_share, ifa_share, in_house_share) = super::stock::foster_shares(year);
    let (in_house_ratio, ifa_ratio, kinship_ratio) = FOSTER_PRICE_RATIOS;
    let mean_ratio =
        (in_house_ratio * in_house_share + ifa_ratio * ifa_share + kinship_ratio * kinship_share)
            / (in_house_share + ifa_share + kinship_share).max(1e-9);
    let supported_ratio = if fy.as_str() >= "2023-24" {
        SUPPORTED_TO_RESIDENTIAL.1
    } else {
        SUPPORTED_TO_RESIDENTIAL.0
    };
    let weekly = &mut s.costs.weekly_gbp;
    weekly[PlacementType::InHouseFoster] = (fostering_now * in_house_ratio / mean_ratio).round();
    weekly[PlacementType::Ifa] = (fostering_now * ifa_ratio / mean_ratio).round();
    weekly[PlacementType::Kinship] = (fostering_now * kinship_ratio / mean_ratio).round();
    weekly[PlacementType::Residential] = residential_now.round();
    weekly[PlacementType::Supported] = (residential_now * supported_ratio).round();
    weekly[PlacementType::WithParentsOther] = (fostering_now * WITH_PARENTS_TO_FOSTERING).round();
    s.sources.insert(
        "costs.weekly_gbp".into(),
        format!(
            "£ a week in the first projected year: foster care from {fostering_words}, split in-house {in_house_ratio:.2}, agency {ifa_ratio:.2}, kinship {kinship_ratio:.2} of it (scaled so England's mix of foster placements averages it); residential from {residential_words}; supported accommodation {supported_ratio:.2} of residential; placed with parents or other {WITH_PARENTS_TO_FOSTERING:.2} of foster care; each uplifted to the first projected year at its type's price growth (docs/model.md 9.2; docs/research/placement_prices_and_uasc_grant.md).",
        ),
    );
    fit_high_cost(s, year, notes);
    fit_budget(s, figures, &fy, notes);
}

/// Placements over £10,000 a week as a share of all placements: 1,510 of 92,800 in 2022-23
/// (1.6%; 120 of 75,700, 0.2%, in 2018-19), LGA, *High cost children's social care placements
/// survey*, November 2023 (124 councils).
pub const HIGH_COST_SHARE_OF_PLACEMENTS: f64 = 0.016;

/// The first origin (31 March) that may use [`HIGH_COST_SHARE_OF_PLACEMENTS`]: the survey was
/// published in November 2023.
pub const HIGH_COST_FIRST_ORIGIN: i32 = 2024;

/// A high-cost placement's weekly price as a multiple of the residential unit cost: £15,000
/// against England's median £5,820 in 2022-23 (an assumption inside the published ranges: LGA,
/// complex placements £12,450-£23,362 a week; Cambridgeshire's unregistered placements averaged
/// £16,596 in March 2024).
pub const HIGH_COST_TO_RESIDENTIAL: f64 = 2.6;

/// At most this share of a council's residential children is put in the tier (a council with
/// few children in homes would otherwise have more in the tier than in homes).
pub const HIGH_COST_MAX_SHARE: f64 = 0.3;

/// The high-cost tier inside residential care: [`HIGH_COST_SHARE_OF_PLACEMENTS`] of the
/// council's children, at [`HIGH_COST_TO_RESIDENTIAL`] times its residential price; the rest of
/// residential re-priced so that the average stays the council's unit cost. None before
/// [`HIGH_COST_FIRST_ORIGIN`] (no count published by then) or with no children in homes.
fn fit_high_cost(s: &mut Scenario, year: i32, notes: &mut Vec<String>) {
    s.costs.high_cost = None;
    let residential = s
        .opening_looked_after
        .in_placement(PlacementType::Residential);
    // All the council's children, the unaccompanied among them.
    let total = s.opening_looked_after.total_children()
        + s.uasc.as_ref().map_or(0.0, |u| u.opening_total());
    if year < HIGH_COST_FIRST_ORIGIN || residential <= 0.0 {
        notes.push(format!(
            "No high-cost tier inside residential care: {}.",
            if year < HIGH_COST_FIRST_ORIGIN {
                "no count of placements over £10,000 a week was published by then (LGA, November 2023)"
            } else {
                "no children in children's homes at the start"
            }
        ));
        return;
    }
    // The share as the file gives it (to 0.1%), and the rest priced from that.
    let percent = ((HIGH_COST_SHARE_OF_PLACEMENTS * total / residential).min(HIGH_COST_MAX_SHARE)
        * 1000.0)
        .round()
        / 10.0;
    let share = percent / 100.0;
    let average = s.costs.weekly_gbp[PlacementType::Residential];
    let tier_weekly = (average * HIGH_COST_TO_RESIDENTIAL).round();
    let rest = ((average - share * tier_weekly) / (1.0 - share)).round();
    s.costs.weekly_gbp[PlacementType::Residential] = rest;
    s.costs.high_cost = Some(crate::model::scenario::HighCostTier {
        share_of_residential_percent: percent,
        weekly_gbp: tier_weekly,
    });
    let words = format!(
        "A high-cost tier inside residential care: {percent}% of the children in homes (1.6% of all the council's children: placements over £10,000 a week were 1,510 of 92,800 in 2022-23, LGA high cost placements survey, November 2023; at most {:.0}%) at £{tier_weekly:.0} a week ({HIGH_COST_TO_RESIDENTIAL} times the residential unit cost: within the LGA's £12,450-£23,362 for complex placements), the rest of residential at £{rest:.0}, so that the average stays the council's unit cost (docs/model.md 9.2).",
        HIGH_COST_MAX_SHARE * 100.0
    );
    s.sources.insert("costs.high_cost".into(), words.clone());
    notes.push(words);
}

/// The council's other children-looked-after spend: its S251 gross (the latest published up to
/// the year to 31 March `year`) less what the finished scenario's first year of placements and
/// UASC would have cost at that year's prices, uplifted to the first year at general inflation;
/// so that the opening year, at the outturn year's prices, reconciles with S251. Run last, once carers and levers are set (they change the year's spend).
pub(super) fn fit_other_spend(
    s: &mut Scenario,
    figures: &CouncilFigures,
    year: i32,
    notes: &mut Vec<String>,
) {
    let fy = &financial_year_ending(year);
    s.costs.other_cla_gbp_per_year = 0.0;
    let Some((year, total)) = latest_up_to(&figures.spend, fy, "total_cla_gross_gbp") else {
        notes.push(format!(
            "No section 251 spend on children looked after published up to {fy}: no other children-looked-after spend carried."
        ));
        return;
    };
    let start = s.start_month.financial_year().to_string();
    let years_on = match (first_year_of(&year), first_year_of(&start)) {
        (Some(from), Some(to)) => (to - from).max(0),
        _ => 1,
    };
    // The first projected year's placements at the prices of the S251 year: each type's price
    // taken back at its own growth, the UASC's at general inflation. What is left of the
    // outturn is the other spend, which grows at general inflation; so the first year grows
    // from the outturn as prices have, not at one rate (docs/model.md 9.2).
    let Some(first) = crate::model::finance::project(&at_prices_of(s, years_on))
        .years
        .first()
        .cloned()
    else {
        return;
    };
    let inflation = 1.0 + s.costs.inflation_percent_per_year / 100.0;
    let months = f64::from(first.months_covered.max(1));
    let placements = (first.spend_gbp + first.uasc_grant_gbp) * 12.0 / months;
    let other = (total - placements) * inflation.powi(years_on);
    if other < 0.0 {
        notes.push(format!(
            "The placements as priced ({}) come to more than the council's whole section 251 spend on children looked after ({} in {year}, uplifted): no other spend carried; check the weekly costs.",
            crate::model::scenario::format_number((placements / 1000.0).round() * 1000.0),
            crate::model::scenario::format_number((total / 1000.0).round() * 1000.0)
        ));
        return;
    }
    s.costs.other_cla_gbp_per_year = (other / 1000.0).round() * 1000.0;
    s.sources.insert(
        "costs.other_cla_gbp_per_year".into(),
        format!(
            "The council's section 251 spend on children looked after in {year} ({}) less the scenario's placements and UASC in {start} at {year}'s prices ({}), uplifted to {start} at {}% a year: leaving care, adoption and SGO support and other services, kept apart from placement spend (docs/model.md 9.2).",
            crate::model::scenario::format_number((total / 1000.0).round() * 1000.0),
            crate::model::scenario::format_number((placements / 1000.0).round() * 1000.0),
            crate::model::scenario::format_number(s.costs.inflation_percent_per_year)
        ),
    );
}

/// The scenario with its prices taken back `years` years: each placement type's weekly cost at
/// its own price growth (general inflation where it has none), the UASC's at general inflation.
/// Volumes are untouched: what the first year's children would have cost at earlier prices.
pub fn at_prices_of(s: &Scenario, years: i32) -> Scenario {
    let mut earlier = s.clone();
    let inflation = 1.0 + s.costs.inflation_percent_per_year / 100.0;
    for p in PlacementType::ALL {
        let growth = s
            .costs
            .price_growth_percent_per_year
            .as_ref()
            .map_or(inflation, |g| 1.0 + g[p] / 100.0);
        earlier.costs.weekly_gbp[p] /= growth.powi(years);
        if p == PlacementType::Residential
            && let Some(tier) = &mut earlier.costs.high_cost
        {
            tier.weekly_gbp /= growth.powi(years);
        }
    }
    if let Some(uasc) = &mut earlier.uasc {
        uasc.weekly_cost_gbp /= inflation.powi(years);
    }
    earlier.costs.other_cla_gbp_per_year /= inflation.powi(years);
    earlier
}

/// How much of a council's own price trend its growth keeps; the rest is England's median
/// trend over the same years. Tuned on origins 2018 and 2019 only (`backtest --all-councils
/// --money`, docs/model.md 9.2): the two-year growth of spend was forecast best with none of the
/// council's own trend (median errors 13.9 and 12.7 points at 0; 14.3 and 13.2 at a half; 14.0
/// and 13.4 at all of it): five yearly unit costs are a noisy guide for one council.
pub const OWN_PRICE_TREND_KEPT: f64 = 0.0;

/// The fitted price growth, % a year, is kept within this range (an assumption: no council's
/// unit cost grew faster than 20% a year for five years in the published data).
pub const PRICE_GROWTH_RANGE: (f64, f64) = (-5.0, 20.0);

/// The % a year a unit cost grew over the five financial years to `fy` (least squares on the
/// logarithms, at least three years), for the council and for England's median.
fn price_trend(
    figures: &CouncilFigures,
    medians: &BTreeMap<String, f64>,
    fy: &str,
    measure: &str,
) -> (Option<f64>, Option<f64>) {
    let last = first_year_of(fy).unwrap_or(0);
    let points = |value: &dyn Fn(&str) -> Option<f64>| -> Vec<(f64, f64)> {
        ((last - 4)..=last)
            .filter_map(|year| {
                let fy = crate::model::time::FinancialYear::starting(year).to_string();
                Some((f64::from(year), value(&fy)?))
            })
            .collect()
    };
    let council = points(&|fy| get(&figures.spend, fy, measure));
    let england = points(&|fy| medians.get(fy).copied());
    (
        super::trend::log_linear_trend(&council),
        super::trend::log_linear_trend(&england),
    )
}

/// Price growth by placement type: foster care (all three kinds, and placed with parents) at
/// the fostering unit cost's trend, residential and supported accommodation at the residential
/// one; each the council's own trend over five years shrunk to England's median trend (keeping
/// [`OWN_PRICE_TREND_KEPT`] of it; England's alone where the council's is unpublished), within
/// [`PRICE_GROWTH_RANGE`].
fn fit_price_growth(
    s: &mut Scenario,
    figures: &CouncilFigures,
    england: &EnglandFigures,
    fy: &str,
) -> String {
    let growth = |measure: &str, medians: &BTreeMap<String, f64>| -> (f64, String) {
        let (own, england) = price_trend(figures, medians, fy, measure);
        let fallback = s.costs.inflation_percent_per_year;
        let (value, words) = match (own, england) {
            (Some(own), Some(england)) => (
                OWN_PRICE_TREND_KEPT * own + (1.0 - OWN_PRICE_TREND_KEPT) * england,
                if OWN_PRICE_TREND_KEPT > 0.0 {
                    format!("the council's {own:.1}% a year and England's median {england:.1}%")
                } else {
                    format!(
                        "England's median {england:.1}% a year (the council's own was {own:.1}%; given no weight, docs/model.md 9.2)"
                    )
                },
            ),
            (None, Some(england)) => (
                england,
                format!("England's median {england:.1}% a year (the council's own not published)"),
            ),
            (Some(own), None) => (own, format!("the council's {own:.1}% a year")),
            (None, None) => (fallback, "inflation (no unit costs published)".to_string()),
        };
        let value = value.clamp(PRICE_GROWTH_RANGE.0, PRICE_GROWTH_RANGE.1);
        ((value * 10.0).round() / 10.0, words)
    };
    let (fostering, fostering_words) = growth(
        "unit_cost_fostering_gbp_per_week",
        &england.fostering_unit_cost,
    );
    let (residential, residential_words) = growth(
        "unit_cost_residential_gbp_per_week",
        &england.residential_unit_cost,
    );
    let mut by_type = crate::model::placement::ByPlacement::splat(fostering);
    by_type[PlacementType::Residential] = residential;
    by_type[PlacementType::Supported] = residential;
    s.costs.price_growth_percent_per_year = Some(by_type);
    s.sources.insert(
        "costs.price_growth_percent_per_year".into(),
        format!(
            "% a year each April, from the trend of the LAIT weekly unit costs over the five years to {fy} (least squares on their logarithms), the council's own kept {:.0}% and England's median trend the rest: foster care (and placed with parents) {fostering}% from {fostering_words}; residential and supported accommodation {residential}% from {residential_words} (docs/model.md 9.2).",
            OWN_PRICE_TREND_KEPT * 100.0
        ),
    );
    s.sources.insert(
        "uncertainty.price_growth_points".into(),
        "Monte Carlo: every type's price growth moved by -2 to +6 points, drawn once a run: from 2019-20 to 2024-25 England's median residential and fostering unit costs (DfE LAIT) grew from 1.8 points below to 8.3 points above their trailing five-year trend in a year, 1 below to 5.4 above over two (docs/model.md 8.1).".into(),
    );
    format!("foster care {fostering}% and residential {residential}% a year")
}

/// The first calendar year of a financial year written "2016-17" (2016).
fn first_year_of(financial_year: &str) -> Option<i32> {
    financial_year.get(..4)?.parse().ok()
}

/// No budget: only the council can say what its budget is, so none is estimated (a scenario
/// shows "Budget not entered" until the user enters one). The council's last published
/// children-looked-after spend (S251 outturn, the latest up to `fy`) is carried to show spend
/// against.
fn fit_budget(s: &mut Scenario, figures: &CouncilFigures, fy: &str, notes: &mut Vec<String>) {
    s.budget.by_financial_year_gbp.clear();
    s.sources.remove("budget.by_financial_year_gbp");
    s.budget.last_outturn =
        latest_up_to(&figures.spend, fy, "total_cla_gross_gbp").and_then(|(year, gross)| {
            Some(crate::model::scenario::Outturn {
                financial_year: year.parse().ok()?,
                gross_spend_gbp: gross,
                source: format!(
                    "DfE, LA and school expenditure (section 251 outturn), {}: children looked after, gross, {year}.",
                    figures.name
                ),
            })
        });
    notes.push(
        "No placement budget: enter the council's own (its section 251 budget statement or medium-term financial strategy) to see an overspend; until then spend is shown against the last published outturn.".into(),
    );
}
