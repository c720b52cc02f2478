//! Monte Carlo: many projections, each with its uncertain assumptions drawn from their ranges
//! and with chance variation in entries (Poisson) and exits (binomial) each month. Seeded and
//! reproducible: draw `i` always uses the same random numbers, whatever the number of threads.

use super::projection::{Randomness, run_pair_with, run_with};
use super::scenario::{LeverKind, Range, Scenario, deliver};
use super::time::{FinancialYear, Month};
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Poisson, StandardNormal};
use rand_pcg::Pcg64Mcg;

/// The default number of draws.
pub const DEFAULT_DRAWS: usize = 1000;
/// The default seed.
pub const DEFAULT_SEED: u64 = 2014;

/// Percentiles of one quantity across draws.
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize)]
pub struct Percentiles {
    /// 10th percentile.
    pub p10: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 90th percentile.
    pub p90: f64,
}

impl Percentiles {
    /// Percentiles by nearest rank (so they are always values that were drawn, in order).
    /// `values` is reordered. All zero if empty.
    pub fn of(values: &mut [f64]) -> Self {
        let n = values.len();
        if n == 0 {
            return Percentiles::default();
        }
        let rank = |q: f64| ((q * (n - 1) as f64).round() as usize).min(n - 1);
        let (i10, i25, i50, i75, i90) = (rank(0.1), rank(0.25), rank(0.5), rank(0.75), rank(0.9));
        // The median first, then each quartile in its half and each decile in its quarter:
        // every selection only searches the part of the data its rank can be in.
        let (left, median, right) = values.select_nth_unstable_by(i50, f64::total_cmp);
        let p50 = *median;
        let (p10, p25) = if i25 < i50 {
            let (lower, quartile, _) = left.select_nth_unstable_by(i25, f64::total_cmp);
            let p25 = *quartile;
            let p10 = if i10 < i25 {
                *lower.select_nth_unstable_by(i10, f64::total_cmp).1
            } else {
                p25
            };
            (p10, p25)
        } else if i10 < i50 {
            (*left.select_nth_unstable_by(i10, f64::total_cmp).1, p50)
        } else {
            (p50, p50)
        };
        let (p75, p90) = if i75 > i50 {
            let (_, quartile, upper) = right.select_nth_unstable_by(i75 - i50 - 1, f64::total_cmp);
            let p75 = *quartile;
            let p90 = if i90 > i75 {
                *upper
                    .select_nth_unstable_by(i90 - i75 - 1, f64::total_cmp)
                    .1
            } else {
                p75
            };
            (p75, p90)
        } else if i90 > i50 {
            (
                p50,
                *right
                    .select_nth_unstable_by(i90 - i50 - 1, f64::total_cmp)
                    .1,
            )
        } else {
            (p50, p50)
        };
        Percentiles {
            p10,
            p25,
            p50,
            p75,
            p90,
        }
    }
}

/// The spread of a projection across draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    /// How many draws.
    pub draws: usize,
    /// The seed used.
    pub seed: u64,
    /// The months, in order.
    pub months: Vec<Month>,
    /// Children in care at the end of each month.
    pub looked_after: Vec<Percentiles>,
    /// £ placement spend in each month.
    pub spend_gbp: Vec<Percentiles>,
    /// For each financial year: the share of draws (0 to 1) whose spend exceeds the budget.
    pub overspend_probability: Vec<(FinancialYear, f64)>,
    /// The share of draws (0 to 1) at or under the scenario's target in its month, if it has one.
    pub target_probability: Option<f64>,
    /// The do-nothing twin's children in care at the end of each month, from the same draws
    /// (empty unless worked out with [`monte_carlo_with_twin`]).
    pub baseline_looked_after: Vec<Percentiles>,
    /// The share of draws (0 to 1) in which the scenario ends with fewer children in care than
    /// its twin (none unless worked out with [`monte_carlo_with_twin`]).
    pub below_do_nothing_probability: Option<f64>,
    /// For each financial year from the council homes' start: the share of draws (0 to 1) in
    /// which the homes have paid back their capital by its end (fees avoided − running cost
    /// since they opened at least the capital). Empty without council homes.
    pub homes_payback_probability: Vec<(FinancialYear, f64)>,
}

/// Above this many expected entries a month, Poisson draws use the normal approximation.
const POISSON_NORMAL_ABOVE: f64 = 20.0;

/// Chance variation from a seeded generator: Poisson entries, binomial exits (by the normal
/// approximation, which at tens of children a month is within a fraction of a child).
struct Chance {
    rng: Pcg64Mcg,
}

impl Randomness for Chance {
    fn entries(&mut self, expected: f64) -> f64 {
        if expected >= POISSON_NORMAL_ABOVE {
            // Poisson by its normal approximation: at tens of children a month the two differ
            // by a fraction of a child, and the exact sampler's set-up would double the time.
            let z: f64 = StandardNormal.sample(&mut self.rng);
            return (expected + expected.sqrt() * z).max(0.0);
        }
        match Poisson::new(expected) {
            Ok(poisson) => poisson.sample(&mut self.rng),
            Err(_) => expected.max(0.0),
        }
    }

    fn leavers(&mut self, count: f64, share: f64) -> f64 {
        let mean = count * share;
        let spread = (count * share * (1.0 - share)).max(0.0).sqrt();
        let z: f64 = StandardNormal.sample(&mut self.rng);
        (mean + spread * z).clamp(0.0, count)
    }
}

/// A draw from the triangular distribution on `range` peaking at `central` (uniform if the
/// peak is outside the range; the value itself if the range is a point).
fn triangular(rng: &mut Pcg64Mcg, range: Range, central: f64) -> f64 {
    let (low, high) = (range.low, range.high);
    if high <= low {
        return low;
    }
    let central = range.mode.unwrap_or(central);
    let u: f64 = rng.random();
    if !(low..=high).contains(&central) {
        return low + u * (high - low);
    }
    let split = (central - low) / (high - low);
    if u < split {
        low + (u * (high - low) * (central - low)).sqrt()
    } else {
        high - ((1.0 - u) * (high - low) * (high - central)).sqrt()
    }
}

/// The random number generator for draw `index`: the same for the same seed and index.
fn generator(seed: u64, index: usize) -> Pcg64Mcg {
    // SplitMix64 of the seed and index, so neighbouring draws are unrelated.
    let mut z = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    Pcg64Mcg::seed_from_u64(z ^ (z >> 31))
}

/// The scenario with its uncertain assumptions drawn once.
pub(crate) fn drawn_scenario(base: &Scenario, rng: &mut Pcg64Mcg) -> Scenario {
    let mut s = base.clone();
    for (assumption, range) in base.uncertainty.ranges() {
        let amount = triangular(rng, range, assumption.central());
        assumption.apply(&mut s, amount);
    }
    // UASC arrivals (a flow of their own that swings with events abroad and the National
    // Transfer Scheme). Only scenarios that count UASC apart draw: others draw as before.
    if let Some(u) = s.uasc.as_mut() {
        let change = triangular(rng, u.arrivals_change_percent, 0.0);
        u.arrivals_per_year = (u.arrivals_per_year * (1.0 + change / 100.0)).max(0.0);
    }
    // Prices by type, where the scenario grows them so: every type's growth moved by the same
    // points (prices rise together: they answer to the same market). Others draw as before.
    if let Some(growth) = s.costs.price_growth_percent_per_year.as_mut() {
        let points = triangular(rng, base.uncertainty.price_growth_points, 0.0);
        for p in crate::model::PlacementType::ALL {
            growth[p] += points;
        }
    }
    // Council homes: their steady occupancy and how late they are registered, the two things
    // that decide whether they pay. Scenarios without homes draw as before.
    if let Some(homes) = s.price_levers.council_homes.as_mut() {
        homes.plan.steady_occupancy_percent = triangular(
            rng,
            homes.occupancy_range_percent,
            homes.plan.steady_occupancy_percent,
        )
        .clamp(0.0, 100.0);
        let delay = triangular(rng, homes.registration_delay_months, 0.0).round();
        homes.plan.months_to_registration = homes
            .plan
            .months_to_registration
            .saturating_add(delay.clamp(0.0, 600.0) as u32);
    }
    // A block contract: how full its beds are (its voids are paid for). Others draw as before.
    if let Some(block) = s.price_levers.block_contract.as_mut() {
        block.filled_percent =
            triangular(rng, block.filled_range(), block.filled_percent).clamp(0.0, 100.0);
    }
    // A pulled lever that follows a programme from the evidence library, unedited, draws its
    // effect from the programme's range (for early help this replaces the effect drawn just above). No
    // range, no random number: files without programmes draw exactly as before.
    for kind in LeverKind::ALL {
        let Some(range) = base.programme_range(kind) else {
            continue;
        };
        let effect = triangular(rng, range, kind.effect(base));
        kind.set_effect(&mut s, effect);
    }
    // Then whether each lever delivers. A range that is one value draws no random number, so
    // "full effect, no delay" gives exactly the draws there were before delivery was drawn.
    for kind in LeverKind::ALL {
        let delivery = base.uncertainty.lever_delivery.of(kind);
        let achieved = triangular(rng, delivery.effect_achieved_percent, 100.0);
        let delay = triangular(rng, delivery.start_delay_months, 0.0);
        deliver(&mut s, kind, achieved, delay);
    }
    s
}

/// Runs side by side in the engine's lanes: four draws, or two draws and their twins.
const LANES: usize = 4;

/// How many draws [`draws_in_lanes`] makes at a time.
fn draws_at_a_time(with_twin: bool) -> usize {
    if with_twin { LANES / 2 } else { LANES }
}

/// Draws `first` onwards ([`draws_at_a_time`] of them) side by side, with chance variation
/// month to month: the same figures, to the last digit, as [`one_draw`] gives for each.
fn draws_in_lanes(base: &Scenario, seed: u64, first: usize, with_twin: bool) -> Vec<Draw> {
    let count = draws_at_a_time(with_twin);
    let mut rngs: Vec<Pcg64Mcg> = (first..first + count).map(|i| generator(seed, i)).collect();
    let scenarios: Vec<Scenario> = rngs
        .iter_mut()
        .map(|rng| drawn_scenario(base, rng))
        .collect();
    // Lane k runs draw `draw_of[k]`; with twins, every second lane is the twin of the one
    // before, starting from the same random numbers (as in `one_draw`).
    let draw_of: [usize; LANES] = std::array::from_fn(|k| if with_twin { k / 2 } else { k });
    let twin: [bool; LANES] = std::array::from_fn(|k| with_twin && k % 2 == 1);
    let mut chances: [Chance; LANES] = std::array::from_fn(|k| Chance {
        rng: rngs[draw_of[k]].clone(),
    });
    let months = base.horizon_months();
    let mut draws: Vec<Draw> = (0..count)
        .map(|_| Draw {
            looked_after: Vec::with_capacity(months),
            spend: Vec::with_capacity(months),
            baseline_looked_after: Vec::with_capacity(if with_twin { months } else { 0 }),
            homes: Vec::new(),
        })
        .collect();
    super::projection::run_lanes(
        std::array::from_fn(|k| &scenarios[draw_of[k]]),
        twin,
        chances.each_mut(),
        |lanes| {
            for (k, month) in lanes.iter().enumerate() {
                let draw = &mut draws[draw_of[k]];
                if twin[k] {
                    draw.baseline_looked_after.push(month.looked_after);
                } else {
                    draw.looked_after.push(month.looked_after);
                    draw.spend.push(month.spend_gbp);
                    if base.price_levers.council_homes.is_some() {
                        draw.homes.push(month.price_levers);
                    }
                }
            }
        },
    );
    draws
}

/// One draw's results: children in care and spend by month.
struct Draw {
    looked_after: Vec<f64>,
    spend: Vec<f64>,
    /// The do-nothing twin's children in care, from the same draw (empty if not asked for).
    baseline_looked_after: Vec<f64>,
    /// The price levers month by month (empty without council homes).
    homes: Vec<crate::model::price_levers::PriceLeverMonth>,
}

fn one_draw(base: &Scenario, seed: u64, index: usize, with_twin: bool) -> Draw {
    let mut rng = generator(seed, index);
    let scenario = drawn_scenario(base, &mut rng);
    // The twin sees the same assumptions and the same chance events, so the two differ only
    // by what the levers do.
    let random = base.uncertainty.month_to_month_randomness;
    let (months, baseline_looked_after) = match (with_twin, random) {
        (false, true) => (run_with(&scenario, &mut Chance { rng }), Vec::new()),
        (false, false) => (
            run_with(&scenario, &mut super::projection::Expected),
            Vec::new(),
        ),
        (true, true) => {
            let twin_rng = rng.clone();
            let (ours, twin) = run_pair_with(
                &scenario,
                &mut Chance { rng },
                &mut Chance { rng: twin_rng },
            );
            (ours, twin.iter().map(|m| m.looked_after).collect())
        }
        (true, false) => {
            let (ours, twin) = super::projection::run_pair(&scenario);
            (ours, twin.iter().map(|m| m.looked_after).collect())
        }
    };
    Draw {
        looked_after: months.iter().map(|m| m.looked_after).collect(),
        spend: months.iter().map(|m| m.spend_gbp).collect(),
        baseline_looked_after,
        homes: if base.price_levers.council_homes.is_some() {
            months.iter().map(|m| m.price_levers).collect()
        } else {
            Vec::new()
        },
    }
}

/// Runs `draws` projections of `scenario` on up to `threads` threads and summarises them.
pub fn monte_carlo(scenario: &Scenario, draws: usize, seed: u64, threads: usize) -> Bands {
    monte_carlo_runs(scenario, draws, seed, threads, false)
}

/// As [`monte_carlo`], and each draw's do-nothing twin too (twice the work): the twin's band
/// and the chance that the scenario ends below doing nothing.
pub fn monte_carlo_with_twin(
    scenario: &Scenario,
    draws: usize,
    seed: u64,
    threads: usize,
) -> Bands {
    monte_carlo_runs(scenario, draws, seed, threads, true)
}

fn monte_carlo_runs(
    scenario: &Scenario,
    draws: usize,
    seed: u64,
    threads: usize,
    with_twin: bool,
) -> Bands {
    // Text, sources and the counted figures play no part in a projection: drop them so each
    // draw copies less.
    let mut base = scenario.clone();
    base.sources.clear();
    base.description.clear();
    base.actuals = Default::default();
    let threads = threads.clamp(1, 64).min(draws.max(1));
    let chunk = draws.div_ceil(threads).max(1);
    let mut results: Vec<Draw> = Vec::with_capacity(draws);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let base = &base;
                scope.spawn(move || {
                    let first = t * chunk;
                    let last = ((t + 1) * chunk).min(draws);
                    let mut draws = Vec::with_capacity(last.saturating_sub(first));
                    let mut next = first;
                    let at_a_time = draws_at_a_time(with_twin);
                    while base.uncertainty.month_to_month_randomness && next + at_a_time <= last {
                        draws.extend(draws_in_lanes(base, seed, next, with_twin));
                        next += at_a_time;
                    }
                    draws.extend((next..last).map(|i| one_draw(base, seed, i, with_twin)));
                    draws
                })
            })
            .collect();
        for handle in handles {
            // A draw cannot panic on a valid scenario; if a thread did, its draws are missing
            // and the bands rest on the others.
            if let Ok(mut part) = handle.join() {
                results.append(&mut part);
            }
        }
    });
    summarise(scenario, seed, &results)
}

fn summarise(scenario: &Scenario, seed: u64, results: &[Draw]) -> Bands {
    let months: Vec<Month> = (0..scenario.horizon_months())
        .map(|i| scenario.start_month.plus_months(i as i64))
        .collect();
    let percentiles_of = |pick: fn(&Draw) -> &[f64]| -> Vec<Percentiles> {
        let mut column = vec![0.0; results.len()];
        (0..months.len())
            .map(|i| {
                for (slot, draw) in column.iter_mut().zip(results) {
                    *slot = pick(draw).get(i).copied().unwrap_or(0.0);
                }
                Percentiles::of(&mut column)
            })
            .collect()
    };
    // The two series are independent: one on another thread.
    let (looked_after, spend_gbp) = std::thread::scope(|scope| {
        let spend = scope.spawn(|| percentiles_of(|d| &d.spend));
        let looked_after = percentiles_of(|d| &d.looked_after);
        let spend = spend
            .join()
            .unwrap_or_else(|_| percentiles_of(|d| &d.spend));
        (looked_after, spend)
    });

    let mut overspend_probability: Vec<(FinancialYear, f64)> = Vec::new();
    let mut year_start = 0;
    while year_start < months.len() {
        let year = months[year_start].financial_year();
        let year_end = months[year_start..]
            .iter()
            .position(|m| m.financial_year() != year)
            .map_or(months.len(), |p| year_start + p);
        let covered = (year_end - year_start) as f64;
        // No budget entered: no chance of overspending it to give.
        let Some(budget) = scenario.budget.for_year(year).map(|b| b * covered / 12.0) else {
            year_start = year_end;
            continue;
        };
        let over = results
            .iter()
            .filter(|d| d.spend[year_start..year_end].iter().sum::<f64>() > budget)
            .count();
        overspend_probability.push((year, share(over, results.len())));
        year_start = year_end;
    }
    let target_probability = scenario.target_in_horizon().and_then(|target| {
        let index = usize::try_from(target.month.months_since(scenario.start_month)).ok()?;
        let reached = results
            .iter()
            .filter(|d| {
                d.looked_after
                    .get(index)
                    .is_some_and(|&n| n <= target.looked_after)
            })
            .count();
        (index < months.len()).then(|| share(reached, results.len()))
    });
    let with_twin = results
        .first()
        .is_some_and(|d| !d.baseline_looked_after.is_empty());
    let baseline_looked_after = if with_twin {
        percentiles_of(|d| &d.baseline_looked_after)
    } else {
        Vec::new()
    };
    let below_do_nothing_probability = with_twin.then(|| {
        let below = results
            .iter()
            .filter(
                |d| match (d.looked_after.last(), d.baseline_looked_after.last()) {
                    (Some(scenario), Some(twin)) => scenario < twin,
                    _ => false,
                },
            )
            .count();
        share(below, results.len())
    });
    let homes_payback_probability = homes_payback(scenario, &months, results);
    Bands {
        baseline_looked_after,
        below_do_nothing_probability,
        homes_payback_probability,
        draws: results.len(),
        seed,
        months,
        looked_after,
        spend_gbp,
        overspend_probability,
        target_probability,
    }
}

/// For each financial year the council homes run in, the share of draws in which they have paid
/// back their capital by its end (see [`Bands::homes_payback_probability`]).
fn homes_payback(
    scenario: &Scenario,
    months: &[Month],
    results: &[Draw],
) -> Vec<(FinancialYear, f64)> {
    let Some(homes) = &scenario.price_levers.council_homes else {
        return Vec::new();
    };
    let start_year = homes.start.financial_year();
    let mut paid_back = vec![0usize; months.len()];
    for draw in results {
        let capital: f64 = draw.homes.iter().map(|m| m.home_capital_spend_gbp).sum();
        let mut saved = 0.0;
        for (i, month) in draw.homes.iter().enumerate().take(months.len()) {
            saved += month.home_saving_before_capital_gbp();
            if capital > 0.0 && saved >= capital {
                paid_back[i] += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (i, month) in months.iter().enumerate() {
        let year = month.financial_year();
        let last_of_year = months
            .get(i + 1)
            .is_none_or(|next| next.financial_year() != year);
        if last_of_year && year >= start_year {
            out.push((year, share(paid_back[i], results.len())));
        }
    }
    out
}

fn share(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangular_draws_stay_in_range_and_peak_at_the_centre() {
        let mut rng = generator(1, 0);
        let range = Range::new(-10.0, 30.0);
        let draws: Vec<f64> = (0..20_000)
            .map(|_| triangular(&mut rng, range, 0.0))
            .collect();
        assert!(draws.iter().all(|d| (-10.0..=30.0).contains(d)));
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        // The mean of a triangular distribution is (low + mode + high) / 3.
        assert!((mean - 20.0 / 3.0).abs() < 0.3, "mean {mean}");
        assert_eq!(triangular(&mut rng, Range::new(5.0, 5.0), 5.0), 5.0);
    }

    #[test]
    fn draws_side_by_side_are_the_draws_made_one_at_a_time() {
        for scenario in super::super::projection::norfolk_and_kent_with_levers_pulled() {
            same_draws_side_by_side_and_alone(&scenario);
        }
    }

    fn same_draws_side_by_side_and_alone(scenario: &Scenario) {
        let bits = |values: &[f64]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        for with_twin in [false, true] {
            for first in [0, 17] {
                let draws = draws_in_lanes(scenario, 7, first, with_twin);
                assert_eq!(draws.len(), draws_at_a_time(with_twin));
                for (draw, index) in draws.iter().zip(first..) {
                    let alone = one_draw(scenario, 7, index, with_twin);
                    let what = format!("draw {index}, twins {with_twin}");
                    assert_eq!(
                        bits(&draw.looked_after),
                        bits(&alone.looked_after),
                        "{what}"
                    );
                    assert_eq!(bits(&draw.spend), bits(&alone.spend), "{what}");
                    let baseline = bits(&draw.baseline_looked_after);
                    assert_eq!(baseline, bits(&alone.baseline_looked_after), "{what}");
                    assert_eq!(baseline.is_empty(), !with_twin);
                }
            }
        }
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut values: Vec<f64> = (1..=101).rev().map(f64::from).collect();
        let p = Percentiles::of(&mut values);
        assert_eq!(
            (p.p10, p.p25, p.p50, p.p75, p.p90),
            (11.0, 26.0, 51.0, 76.0, 91.0)
        );
    }

    #[test]
    fn council_homes_occupancy_and_block_voids_are_drawn_within_their_ranges() {
        let mut base = crate::io::scenario_file::norfolk_2014().expect("built in");
        let mut homes = crate::model::scenario::CouncilHomes::typical(&base);
        homes.plan.steady_occupancy_percent = 85.0;
        base.price_levers.council_homes = Some(homes);
        base.price_levers.block_contract =
            Some(crate::model::scenario::BlockContract::typical(&base));
        let (mut occupancy, mut filled, mut delays) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..300 {
            let drawn = drawn_scenario(&base, &mut generator(7, i));
            let homes = drawn.price_levers.council_homes.expect("homes");
            occupancy.push(homes.plan.steady_occupancy_percent);
            delays.push(homes.plan.months_to_registration);
            filled.push(
                drawn
                    .price_levers
                    .block_contract
                    .expect("block")
                    .filled_percent,
            );
        }
        assert!(occupancy.iter().all(|o| (60.0..=85.0).contains(o)));
        assert!(filled.iter().all(|f| (75.0..=95.0).contains(f)));
        assert!(delays.iter().all(|d| (9..=21).contains(d)));
        let spread = |v: &[f64]| {
            v.iter().copied().fold(f64::MIN, f64::max) - v.iter().copied().fold(f64::MAX, f64::min)
        };
        assert!(spread(&occupancy) > 10.0 && spread(&filled) > 10.0);
        assert!(delays.iter().any(|&d| d > 9));
    }
}
