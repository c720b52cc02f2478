//! The money backtest: every council's starting scenario, made from what was published by a
//! 31 March, against the section 251 spend and the placement counts that followed
//! (docs/model.md 9.2 and 9.3).
//!
//! For each origin and council it compares the first financial year's projected gross
//! children-looked-after spend (placements, the UASC gross and the other spend) with the S251
//! outturn; the two-year growth from the last outturn with "2% a year" and "the council's own
//! trend continued"; and the shares in children's homes and supported accommodation three years
//! on with "the mix stays as it was".

use crate::data::councils::{Council, CouncilData};
use crate::model::PlacementType;
use crate::model::fit::{FitOptions, fit_council, placement_margins};
use crate::model::placement::StockTotals;
use crate::model::time::FinancialYear;

/// Origins up to this 31 March year are the ones the money fit may be tuned on; later origins
/// are reported as out of sample.
pub const LAST_TUNING_ORIGIN: i32 = 2019;

/// One council from one origin.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MoneyForecast {
    /// DfE council code.
    pub code: String,
    /// Council name.
    pub name: String,
    /// The 31 March year the scenario was made at.
    pub origin: i32,
    /// The last published S251 gross CLA spend before the origin's first year (financial year
    /// ending at the origin), £.
    pub last_outturn_gbp: f64,
    /// The S251 gross CLA spend in the first projected financial year, £.
    pub first_year_outturn_gbp: f64,
    /// The projected first year's gross spend: placements, UASC gross and other CLA spend, £.
    pub first_year_projected_gbp: f64,
    /// "Last outturn × its own trend": the last outturn grown by its growth over the year
    /// before, £.
    pub first_year_own_trend_gbp: f64,
    /// The counted growth from the last outturn to the second projected year, %.
    pub growth_2y_counted_percent: Option<f64>,
    /// The projected growth over the same two years, %.
    pub growth_2y_projected_percent: Option<f64>,
    /// "The council's own trend continued" over the same two years, %.
    pub growth_2y_own_trend_percent: Option<f64>,
    /// Share of children in children's homes (and secure units) at the origin, %.
    pub residential_share_at_origin: Option<f64>,
    /// The projected share three years on, %.
    pub residential_share_projected: Option<f64>,
    /// The counted share three years on, %.
    pub residential_share_counted: Option<f64>,
    /// Share in supported accommodation (semi-independent living) at the origin, %.
    pub supported_share_at_origin: Option<f64>,
    /// The projected share three years on, %.
    pub supported_share_projected: Option<f64>,
    /// The counted share three years on, %.
    pub supported_share_counted: Option<f64>,
}

/// The councils of one origin, summed up.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MoneyOriginSummary {
    /// The 31 March year.
    pub origin: i32,
    /// True for origins after [`LAST_TUNING_ORIGIN`].
    pub out_of_sample: bool,
    /// Councils with a first-year outturn to compare.
    pub councils: usize,
    /// Councils whose projected first year is within ±10% of the outturn.
    pub first_year_within_10_percent: usize,
    /// The same for "last outturn × its own trend".
    pub own_trend_within_10_percent: usize,
    /// The same for "last outturn + 2%".
    pub two_percent_within_10_percent: usize,
    /// Councils with a two-year growth to compare.
    pub growth_councils: usize,
    /// Median absolute error of the two-year growth, percentage points: the model.
    pub growth_error_model: f64,
    /// ... "2% a year".
    pub growth_error_two_percent: f64,
    /// ... "the council's own trend continued".
    pub growth_error_own_trend: f64,
    /// Councils with both shares counted three years on.
    pub mix_councils: usize,
    /// Mean absolute error of the residential share three years on, points: the model.
    pub residential_error_model: f64,
    /// ... "the mix stays as it was".
    pub residential_error_stays: f64,
    /// Mean absolute error of the supported share three years on, points: the model.
    pub supported_error_model: f64,
    /// ... "the mix stays as it was".
    pub supported_error_stays: f64,
}

/// A money backtest over all councils.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MoneyBacktest {
    /// One summary per origin.
    pub summary: Vec<MoneyOriginSummary>,
    /// Every council and origin.
    pub forecasts: Vec<MoneyForecast>,
    /// Councils that could not be forecast, and why.
    pub skipped: Vec<(String, String)>,
}

const CLA_GROSS: &str = "total_cla_gross_gbp";

/// The naive "2% a year" forecast's growth (the CPI target), a share a year.
const TWO_PERCENT: f64 = 0.02;

/// The S251 gross CLA spend of the financial year starting in April `year`.
fn outturn(data: &crate::model::fit::CouncilFigures, year: i32) -> Option<f64> {
    let fy = FinancialYear::starting(year).to_string();
    let value = *data.spend.get(&fy)?.get(CLA_GROSS)?;
    (value.is_finite() && value > 0.0).then_some(value)
}

/// Residential and supported shares of the placements counted at 31 March `year`, %.
fn counted_shares(figures: &crate::model::fit::CouncilFigures, year: i32) -> Option<(f64, f64)> {
    let margins = placement_margins(figures, year, &mut Vec::new())?;
    let total = margins.total();
    (total > 0.0).then(|| {
        (
            margins[PlacementType::Residential] / total * 100.0,
            margins[PlacementType::Supported] / total * 100.0,
        )
    })
}

/// One council from one origin; Err with the reason where its scenario cannot be made, Ok(None)
/// where there is no outturn to compare.
fn forecast(
    data: &CouncilData,
    template: &crate::model::Scenario,
    origin: i32,
    council: &Council,
) -> Result<Option<MoneyForecast>, String> {
    let Some(figures) = data.figures(&council.code) else {
        return Ok(None);
    };
    // Financial years: `origin - 1` ends at the origin's 31 March (the last outturn).
    let (Some(last), Some(first)) = (outturn(figures, origin - 1), outturn(figures, origin)) else {
        return Ok(None);
    };
    if figures
        .looked_after
        .get(&origin.to_string())
        .and_then(|year| year.get("total"))
        .is_none()
    {
        return Ok(None);
    }
    let options = FitOptions {
        later_counts: false,
        horizon_years: 3,
        uasc_apart: true,
    };
    let scenario = fit_council(figures, data.england(), template, origin, options)
        .map_err(|error| error.to_string())?
        .scenario;
    let money = crate::model::finance::project(&scenario);
    let gross = |index: usize| {
        money.years.get(index).map(|y| {
            (y.spend_gbp + y.uasc_grant_gbp + y.other_cla_spend_gbp) * 12.0
                / f64::from(y.months_covered.max(1))
        })
    };
    let before = outturn(figures, origin - 2);
    let own_growth = before.map(|before| last / before);
    let second = outturn(figures, origin + 1);
    let growth = |value: f64| (value / last - 1.0) * 100.0;
    let projection = crate::model::project(&scenario);
    let three_years_on = crate::model::Month::new(origin + 3, 3)
        .and_then(|month| usize::try_from(month.months_since(scenario.start_month)).ok())
        .and_then(|index| projection.months.get(index));
    let shares = |by_placement: &crate::model::placement::ByPlacement<f64>| {
        let total = by_placement.total();
        (total > 0.0).then(|| {
            (
                by_placement[PlacementType::Residential] / total * 100.0,
                by_placement[PlacementType::Supported] / total * 100.0,
            )
        })
    };
    let at_origin = counted_shares(figures, origin);
    // The scenario counts UASC apart, so its children are not quite the counted ones: its
    // projected change in each share is added to the counted share at the origin.
    let projected_shares = three_years_on.and_then(|month| {
        let (r0, s0) = shares(&scenario.opening_looked_after.by_placement())?;
        let (r3, s3) = shares(&month.by_placement)?;
        let (r, s) = at_origin?;
        Some((r + r3 - r0, s + s3 - s0))
    });
    let counted = counted_shares(figures, origin + 3);
    let with_mix = at_origin.is_some() && counted.is_some() && projected_shares.is_some();
    let pick = |shares: Option<(f64, f64)>, residential: bool| {
        shares
            .filter(|_| with_mix)
            .map(|(r, s)| if residential { r } else { s })
    };
    Ok(Some(MoneyForecast {
        code: council.code.clone(),
        name: council.name.clone(),
        origin,
        last_outturn_gbp: last,
        first_year_outturn_gbp: first,
        first_year_projected_gbp: gross(0).unwrap_or(0.0),
        first_year_own_trend_gbp: last * own_growth.unwrap_or(1.0),
        growth_2y_counted_percent: second.map(growth),
        growth_2y_projected_percent: second.and(gross(1)).map(growth),
        growth_2y_own_trend_percent: second.and(own_growth).map(|g| (g * g - 1.0) * 100.0),
        residential_share_at_origin: pick(at_origin, true),
        residential_share_projected: pick(projected_shares, true),
        residential_share_counted: pick(counted, true),
        supported_share_at_origin: pick(at_origin, false),
        supported_share_projected: pick(projected_shares, false),
        supported_share_counted: pick(counted, false),
    }))
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sums up one origin's forecasts.
fn summarise(origin: i32, forecasts: &[&MoneyForecast]) -> MoneyOriginSummary {
    let within = |projected: &dyn Fn(&MoneyForecast) -> f64| {
        forecasts
            .iter()
            .filter(|f| (projected(f) / f.first_year_outturn_gbp - 1.0).abs() <= 0.10)
            .count()
    };
    let growth: Vec<(f64, f64, f64)> = forecasts
        .iter()
        .filter_map(|f| {
            let counted = f.growth_2y_counted_percent?;
            Some((
                (f.growth_2y_projected_percent? - counted).abs(),
                (((1.0 + TWO_PERCENT).powi(2) - 1.0) * 100.0 - counted).abs(),
                (f.growth_2y_own_trend_percent? - counted).abs(),
            ))
        })
        .collect();
    let mix: Vec<[f64; 4]> = forecasts
        .iter()
        .filter_map(|f| {
            Some([
                (f.residential_share_projected? - f.residential_share_counted?).abs(),
                (f.residential_share_at_origin? - f.residential_share_counted?).abs(),
                (f.supported_share_projected? - f.supported_share_counted?).abs(),
                (f.supported_share_at_origin? - f.supported_share_counted?).abs(),
            ])
        })
        .collect();
    let column = |i: usize| mix.iter().map(|row| row[i]).collect::<Vec<_>>();
    MoneyOriginSummary {
        origin,
        out_of_sample: origin > LAST_TUNING_ORIGIN,
        councils: forecasts.len(),
        first_year_within_10_percent: within(&|f| f.first_year_projected_gbp),
        own_trend_within_10_percent: within(&|f| f.first_year_own_trend_gbp),
        two_percent_within_10_percent: within(&|f| f.last_outturn_gbp * (1.0 + TWO_PERCENT)),
        growth_councils: growth.len(),
        growth_error_model: median(growth.iter().map(|g| g.0).collect()),
        growth_error_two_percent: median(growth.iter().map(|g| g.1).collect()),
        growth_error_own_trend: median(growth.iter().map(|g| g.2).collect()),
        mix_councils: mix.len(),
        residential_error_model: mean(&column(0)),
        residential_error_stays: mean(&column(1)),
        supported_error_model: mean(&column(2)),
        supported_error_stays: mean(&column(3)),
    }
}

/// Every council with spend published around each origin, its scenario made from what was
/// published by the origin's 31 March (nothing later), against what followed.
pub fn money_backtest(
    origins: &[i32],
) -> Result<MoneyBacktest, crate::io::councils::CouncilScenarioError> {
    let data = CouncilData::shipped()?;
    let template = crate::io::scenario_file::blank_council()
        .map_err(|e| crate::io::councils::CouncilScenarioError::Template(e.to_string()))?;
    let councils = data.councils_with_counts();
    let mut forecasts = Vec::new();
    let mut skipped = Vec::new();
    let mut summary = Vec::new();
    for &origin in origins {
        let start = forecasts.len();
        for council in &councils {
            match forecast(data, &template, origin, council) {
                Ok(Some(made)) => forecasts.push(made),
                Ok(None) => {}
                Err(why) => skipped.push((council.name.clone(), why)),
            }
        }
        let made: Vec<&MoneyForecast> = forecasts[start..].iter().collect();
        summary.push(summarise(origin, &made));
    }
    Ok(MoneyBacktest {
        summary,
        forecasts,
        skipped,
    })
}
