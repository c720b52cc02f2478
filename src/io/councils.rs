//! A starting scenario for a council: the shipped data, England's defaults (the blank council)
//! and the model's fit, put together.

use crate::data::councils::{Council, CouncilData, DataError};
use crate::model::Scenario;
use crate::model::fit::{FitError, FitOptions, FittedScenario, fit_council};

/// Why a council's scenario cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum CouncilScenarioError {
    /// The data or the council.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The fit.
    #[error(transparent)]
    Fit(#[from] FitError),
    /// The template.
    #[error("England's defaults (assets/blank_council.ron) do not load: {0}")]
    Template(String),
    /// A year with no count.
    #[error("{council} has counts for 31 March {first} to {last}; {year} is not one of them")]
    Year {
        /// The council.
        council: String,
        /// The year asked for.
        year: i32,
        /// The first year with a count.
        first: i32,
        /// The last year with a count.
        last: i32,
    },
}

/// The scenario for the council named or coded `given`, from the 31 March `at` (default: the
/// latest with a count).
pub fn scenario_for_council(
    given: &str,
    at: Option<i32>,
) -> Result<FittedScenario, CouncilScenarioError> {
    scenario_for_council_in(CouncilData::shipped()?, given, at)
}

/// [`scenario_for_council`] from the given council data rather than the shipped tables.
pub fn scenario_for_council_in(
    data: &CouncilData,
    given: &str,
    at: Option<i32>,
) -> Result<FittedScenario, CouncilScenarioError> {
    let council = data.find(given)?;
    let (first, last) = match (council.first_year, council.last_year) {
        (Some(first), Some(last)) => (first, last),
        _ => {
            return Err(FitError::Missing {
                council: council.name.clone(),
                year: at.unwrap_or(0),
                what: "any count of children in care".into(),
            }
            .into());
        }
    };
    let year = at.unwrap_or(last);
    if year < first || year > last {
        return Err(CouncilScenarioError::Year {
            council: council.name.clone(),
            year,
            first,
            last,
        });
    }
    let template = crate::io::scenario_file::blank_council()
        .map_err(|e| CouncilScenarioError::Template(e.to_string()))?;
    let figures = data
        .figures(&council.code)
        .ok_or_else(|| DataError::NotFound(given.to_string()))?;
    let mut fitted = fit_council(
        figures,
        data.england(),
        &template,
        year,
        FitOptions::default(),
    )?;
    let (mut scenario, capped) = crate::io::overrides::within_limits(fitted.scenario);
    fitted.notes.extend(capped);
    // A reorganised council (a new unitary, or one that replaced another) has a short history:
    // say so where the fit's other notes are.
    if !council.note.trim().is_empty() {
        let note = format!("About this council: {}", council.note.trim());
        scenario.description.push_str(&format!("\n- {note}"));
        fitted.notes.push(note);
    }
    fitted.scenario = scenario;
    Ok(fitted)
}

/// One council's forecast against one later count, in the all-council backtest.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CouncilForecast {
    /// DfE code.
    pub code: String,
    /// Name.
    pub name: String,
    /// The 31 March year the forecast was made from.
    pub origin: i32,
    /// Years ahead (1 = the next 31 March).
    pub years_ahead: i32,
    /// Children counted at the origin.
    pub at_origin: f64,
    /// The model's central projection (every lever at doing nothing).
    pub projected: f64,
    /// P10 and P90 of its Monte Carlo band.
    pub p10: f64,
    /// See `p10`.
    pub p90: f64,
    /// Children counted.
    pub counted: f64,
    /// Naive forecast 1: no change from the count at the origin.
    pub no_change: f64,
    /// Naive forecast 2: the straight line through the last five counts (to the origin).
    pub linear_trend: f64,
}

impl CouncilForecast {
    /// |forecast - counted| / counted, as a %.
    pub(crate) fn percent_error(&self, forecast: f64) -> f64 {
        if self.counted > 0.0 {
            (forecast - self.counted).abs() / self.counted * 100.0
        } else {
            0.0
        }
    }

    /// Whether the count lies in P10-P90 (to within half a child).
    pub fn inside_band(&self) -> bool {
        self.counted >= self.p10 - 0.5 && self.counted <= self.p90 + 0.5
    }
}

/// The summary of an all-council backtest at one horizon.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HorizonSummary {
    /// Years ahead.
    pub years_ahead: i32,
    /// Councils compared.
    pub councils: usize,
    /// Mean absolute % error of the model.
    pub model_mape: f64,
    /// ... of "no change".
    pub no_change_mape: f64,
    /// ... of the five-year straight line.
    pub linear_trend_mape: f64,
    /// Share (0 to 1) of counts inside the model's P10-P90.
    pub band_coverage: f64,
}

/// An all-council backtest.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AllCouncilBacktest {
    /// Origins (31 March years).
    pub origins: Vec<i32>,
    /// Draws per council.
    pub draws: usize,
    /// One summary per horizon.
    pub summary: Vec<HorizonSummary>,
    /// Every forecast.
    pub forecasts: Vec<CouncilForecast>,
    /// Councils that could not be forecast, and why.
    pub skipped: Vec<(String, String)>,
}

/// The straight line through `(year, count)` points, at `year`.
fn linear_at(points: &[(f64, f64)], year: f64) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    crate::model::fit::least_squares(points).map(|line| line.at(year).max(0.0))
}

/// What a backtest does with one council from one origin.
enum CouncilOutcome {
    /// Its forecasts, one per year ahead with a count to compare.
    Forecasts(Vec<CouncilForecast>),
    /// No count at the origin or after it: nothing to compare.
    NoCounts,
    /// Its scenario could not be built, and why.
    Skipped(String),
}

/// The settings every council of a backtest shares.
#[derive(Clone, Copy)]
struct BacktestSettings {
    years: i32,
    draws: usize,
    seed: u64,
    uasc_apart: bool,
}

/// One council's forecasts from `origin` (see [`backtest_all_councils`]); its draws on this
/// thread.
fn forecast_council(
    data: &CouncilData,
    template: &Scenario,
    origin: i32,
    council: &Council,
    settings: BacktestSettings,
) -> CouncilOutcome {
    let BacktestSettings {
        years,
        draws,
        seed,
        uasc_apart,
    } = settings;
    let Some(figures) = data.figures(&council.code) else {
        return CouncilOutcome::NoCounts;
    };
    let count = |year: i32| -> Option<f64> {
        figures
            .looked_after
            .get(&year.to_string())?
            .get("total")
            .copied()
    };
    let later: Vec<(i32, f64)> = (1..=years)
        .filter_map(|h| Some((h, count(origin + h)?)))
        .collect();
    if later.is_empty() || count(origin).is_none() {
        return CouncilOutcome::NoCounts;
    }
    let options = FitOptions {
        later_counts: false,
        horizon_years: u32::try_from(years).unwrap_or(3).clamp(1, 10),
        uasc_apart,
    };
    let scenario = match fit_council(figures, data.england(), template, origin, options) {
        Ok(fitted) => fitted.scenario,
        Err(error) => return CouncilOutcome::Skipped(error.to_string()),
    };
    let projection = crate::model::project(&scenario);
    let bands = crate::model::monte_carlo(&scenario, draws, seed, 1);
    let history: Vec<(f64, f64)> = ((origin - 4)..=origin)
        .filter_map(|y| Some((f64::from(y), count(y)?)))
        .collect();
    let at_origin = count(origin).unwrap_or(0.0);
    let mut forecasts = Vec::new();
    for (h, counted) in later {
        let Some(month) = crate::model::Month::new(origin + h, 3) else {
            continue;
        };
        let index = usize::try_from(month.months_since(scenario.start_month)).ok();
        let (Some(figures), Some(band)) = (
            index.and_then(|i| projection.months.get(i)),
            index.and_then(|i| bands.looked_after.get(i)),
        ) else {
            continue;
        };
        forecasts.push(CouncilForecast {
            code: council.code.clone(),
            name: council.name.clone(),
            origin,
            years_ahead: h,
            at_origin,
            projected: figures.looked_after,
            p10: band.p10,
            p90: band.p90,
            counted,
            no_change: at_origin,
            linear_trend: linear_at(&history, f64::from(origin + h)).unwrap_or(at_origin),
        });
    }
    CouncilOutcome::Forecasts(forecasts)
}

/// Builds every council's scenario from data up to each origin's 31 March only, projects it
/// with every lever at doing nothing for `years` years with `draws` Monte Carlo draws, and
/// compares it with the counts of the following years and with two naive forecasts.
pub fn backtest_all_councils(
    origins: &[i32],
    years: i32,
    draws: usize,
    seed: u64,
) -> Result<AllCouncilBacktest, CouncilScenarioError> {
    backtest_all_councils_with(origins, years, draws, seed, true)
}

/// As [`backtest_all_councils`], with unaccompanied asylum-seeking children counted apart
/// (`uasc_apart`, the default) or mixed into the other children (to measure the difference).
pub fn backtest_all_councils_with(
    origins: &[i32],
    years: i32,
    draws: usize,
    seed: u64,
    uasc_apart: bool,
) -> Result<AllCouncilBacktest, CouncilScenarioError> {
    let data = CouncilData::shipped()?;
    let template = crate::io::scenario_file::blank_council()
        .map_err(|e| CouncilScenarioError::Template(e.to_string()))?;
    let councils = data.councils_with_counts();
    let tasks: Vec<(i32, &Council)> = origins
        .iter()
        .flat_map(|&origin| councils.iter().map(move |&council| (origin, council)))
        .collect();
    // Councils spread over the cores, each council's draws on one: a few hundred small Monte
    // Carlo runs keep both cores busy without starting threads for each. Every result goes back
    // to its place, so the order (and every figure) is the same whatever the threads.
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(tasks.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut outcomes: Vec<Option<CouncilOutcome>> = (0..tasks.len()).map(|_| None).collect();
    let settings = BacktestSettings {
        years,
        draws,
        seed,
        uasc_apart,
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (tasks, next, template) = (&tasks, &next, &template);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&(origin, council)) = tasks.get(i) else {
                            break done;
                        };
                        done.push((
                            i,
                            forecast_council(data, template, origin, council, settings),
                        ));
                    }
                })
            })
            .collect();
        for worker in workers {
            // A council cannot panic on shipped data; if a worker did, its councils are
            // missing from the forecasts and named among the skipped.
            if let Ok(done) = worker.join() {
                for (i, outcome) in done {
                    outcomes[i] = Some(outcome);
                }
            }
        }
    });
    let mut forecasts = Vec::new();
    let mut skipped = Vec::new();
    for ((_, council), outcome) in tasks.iter().zip(outcomes) {
        match outcome {
            Some(CouncilOutcome::Forecasts(mut made)) => forecasts.append(&mut made),
            Some(CouncilOutcome::NoCounts) => {}
            Some(CouncilOutcome::Skipped(why)) => skipped.push((council.name.clone(), why)),
            None => skipped.push((
                council.name.clone(),
                "its forecast stopped with an internal error".to_string(),
            )),
        }
    }
    let summary = (1..=years)
        .filter(|h| forecasts.iter().any(|f| f.years_ahead == *h))
        .map(|h| {
            let at: Vec<&CouncilForecast> =
                forecasts.iter().filter(|f| f.years_ahead == h).collect();
            let n = at.len().max(1) as f64;
            let mape = |pick: &dyn Fn(&CouncilForecast) -> f64| {
                at.iter().map(|f| f.percent_error(pick(f))).sum::<f64>() / n
            };
            HorizonSummary {
                years_ahead: h,
                councils: at.len(),
                model_mape: mape(&|f| f.projected),
                no_change_mape: mape(&|f| f.no_change),
                linear_trend_mape: mape(&|f| f.linear_trend),
                band_coverage: at.iter().filter(|f| f.inside_band()).count() as f64 / n,
            }
        })
        .collect();
    Ok(AllCouncilBacktest {
        origins: origins.to_vec(),
        draws,
        summary,
        forecasts,
        skipped,
    })
}
