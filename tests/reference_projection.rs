#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.
//! A plain reference implementation of the monthly projection, kept for testing: the engine as
//! it stood before it was made faster (issue 21), one scenario at a time, a fresh grid each
//! month, every figure worked out where it is used. The fast engine (a scenario and its twin
//! side by side, per-run constants, the grid updated in place) must give the same figures to
//! the last digit on random scenarios.

use care_levers::model::{
    AgeBand, ByPlacement, LeverKind, Month, PlacementType, Randomness, RunMonth, Scenario,
};

/// No chance variation (the crate's own `Expected`, restated).
struct Expected;

impl Randomness for Expected {
    fn entries(&mut self, expected: f64) -> f64 {
        expected
    }
    fn leavers(&mut self, count: f64, share: f64) -> f64 {
        count * share
    }
}

/// The reference run: one scenario, no chance variation.
fn reference_run(scenario: &Scenario) -> Vec<RunMonth> {
    let mut engine = Engine::new(scenario);
    (0..scenario.horizon_months())
        .map(|index| engine.step(index, &mut Expected))
        .collect()
}

/// Converts "% a year" into a share per month that compounds to the same over a year.
fn monthly_share_from_yearly_percent(percent_per_year: f64) -> f64 {
    let yearly = (percent_per_year / 100.0).clamp(0.0, 1.0);
    1.0 - (1.0 - yearly).powf(1.0 / 12.0)
}

/// Children by placement type and age band, indexed `[placement as usize][band as usize]`:
/// plain arrays keep the monthly step fast enough to rerun on every frame.
type Grid = [[f64; AGE_BANDS]; PLACEMENTS];
const PLACEMENTS: usize = PlacementType::ALL.len();
const AGE_BANDS: usize = AgeBand::ALL.len();
const IN_HOUSE: usize = PlacementType::InHouseFoster as usize;
const IFA: usize = PlacementType::Ifa as usize;
const KINSHIP: usize = PlacementType::Kinship as usize;
const RESIDENTIAL: usize = PlacementType::Residential as usize;
const SUPPORTED: usize = PlacementType::Supported as usize;
const WITH_PARENTS: usize = PlacementType::WithParentsOther as usize;
const AGE_17: usize = AgeBand::Age17 as usize;

fn row_total(row: &[f64; AGE_BANDS]) -> f64 {
    row.iter().sum()
}

struct Engine<'a> {
    scenario: &'a Scenario,
    /// Children stepped down from residential each month (net of breakdowns).
    step_down_history: Vec<f64>,
    stock: Grid,
    households: f64,
    price_index: f64,
    /// Each type's own price index, where the scenario grows prices by type.
    type_index: ByPlacement<f64>,
    attrition_per_month: f64,
    exit_share: [f64; AGE_BANDS],
    ageing_share: [f64; AGE_BANDS],
    age_share: [f64; AGE_BANDS],
    /// Per band: shares of non-residential entries going to foster, kinship, supported, parents.
    first_placement: [[f64; 4]; AGE_BANDS],
    residential_neutral: f64,
    /// UASC in care by age band.
    uasc: [f64; AGE_BANDS],
    /// UASC leaving before 18, share a month.
    uasc_leaving_share: f64,
    /// Age at arrival, shares of UASC arrivals.
    uasc_arrival_share: [f64; AGE_BANDS],
}

impl<'a> Engine<'a> {
    fn new(scenario: &'a Scenario) -> Self {
        let mut stock = [[0.0; AGE_BANDS]; PLACEMENTS];
        let mut exit_share = [0.0; AGE_BANDS];
        let mut ageing_share = [0.0; AGE_BANDS];
        let mut age_share = [0.0; AGE_BANDS];
        let mut first_placement = [[0.0; 4]; AGE_BANDS];
        let e = &scenario.entries;
        for b in AgeBand::ALL {
            let i = b as usize;
            for p in PlacementType::ALL {
                let count = scenario.opening_looked_after[p][b];
                stock[p as usize][i] = if count.is_finite() {
                    count.max(0.0)
                } else {
                    0.0
                };
            }
            exit_share[i] = scenario.exits.monthly_share(b).clamp(0.0, 1.0);
            ageing_share[i] = 1.0 / b.width_months();
            age_share[i] = (e.age_percent[b] / 100.0).max(0.0);
            let split = &e.non_residential_split_percent[b];
            let supported = if b.may_be_in_supported() {
                split.supported.max(0.0)
            } else {
                0.0
            };
            let parts = [
                split.foster.max(0.0),
                split.kinship.max(0.0),
                supported,
                split.with_parents_other.max(0.0),
            ];
            let total: f64 = parts.iter().sum::<f64>().max(f64::MIN_POSITIVE);
            for (share, part) in first_placement[i].iter_mut().zip(parts) {
                *share = part / total;
            }
        }
        let mut uasc = [0.0; AGE_BANDS];
        let mut uasc_arrival_share = [0.0; AGE_BANDS];
        let mut uasc_leaving_share = 0.0;
        if let Some(u) = &scenario.uasc {
            let arrival_total: f64 = AgeBand::ALL
                .iter()
                .map(|&b| u.arrival_age_percent[b].max(0.0))
                .sum::<f64>()
                .max(f64::MIN_POSITIVE);
            for b in AgeBand::ALL {
                let i = b as usize;
                let count = u.opening[b];
                uasc[i] = if count.is_finite() {
                    count.max(0.0)
                } else {
                    0.0
                };
                uasc_arrival_share[i] = u.arrival_age_percent[b].max(0.0) / arrival_total;
            }
            uasc_leaving_share = (u.leaving_percent_per_month / 100.0).clamp(0.0, 1.0);
        }
        Engine {
            step_down_history: Vec::new(),
            uasc,
            uasc_leaving_share,
            uasc_arrival_share,
            scenario,
            stock,
            households: scenario.fostering.in_house_households.max(0.0),
            price_index: 1.0,
            type_index: ByPlacement::splat(1.0),
            attrition_per_month: monthly_share_from_yearly_percent(
                scenario.fostering.attrition_percent_per_year,
            ),
            exit_share,
            ageing_share,
            age_share,
            first_placement,
            residential_neutral: LeverKind::ResidentialShare.neutral(scenario),
        }
    }

    fn capacity(&self) -> f64 {
        self.households * self.scenario.fostering.children_per_household.max(0.0)
    }

    fn in_house_room(&self) -> f64 {
        (self.capacity() - row_total(&self.stock[IN_HOUSE])).max(0.0)
    }

    fn by_placement(grid: &Grid) -> ByPlacement<f64> {
        let mut totals = ByPlacement::splat(0.0);
        for p in PlacementType::ALL {
            totals[p] = row_total(&grid[p as usize]);
        }
        totals
    }

    fn step<R: Randomness>(&mut self, index: usize, randomness: &mut R) -> RunMonth {
        let s = self.scenario;
        let levers = &s.levers;
        let month = s.start_month.plus_months(index as i64);
        if index > 0 && month.month == 4 {
            self.price_index *= 1.0 + s.costs.inflation_percent_per_year / 100.0;
            if let Some(growth) = &s.costs.price_growth_percent_per_year {
                for p in PlacementType::ALL {
                    self.type_index[p] *= 1.0 + growth[p] / 100.0;
                }
            }
        }
        let opening = self.stock;
        let opening_by_placement = Self::by_placement(&opening);
        let opening_total = opening_by_placement.total();
        let mut investment = 0.0;

        // 1. Foster carers.
        let extra_recruits = levers.foster_recruitment.effective(month, 0.0).max(0.0) / 12.0;
        investment += extra_recruits * levers.foster_recruitment.assumptions.cost_per_recruit_gbp;
        self.households = self.households * (1.0 - self.attrition_per_month)
            + s.fostering.recruits_per_year.max(0.0) / 12.0
            + extra_recruits;

        // 2. Exits by rate and ageing, on the opening stock.
        let mut exits = 0.0;
        // How many more (or fewer) leave than expected in each band, by chance.
        let mut chance = [1.0; AGE_BANDS];
        for (b, factor) in chance.iter_mut().enumerate() {
            let band: f64 = opening.iter().map(|row| row[b]).sum();
            let expected = band * self.exit_share[b];
            if expected > 0.0 {
                let actual = randomness
                    .leavers(band, self.exit_share[b])
                    .clamp(0.0, band);
                *factor = actual / expected;
            }
        }
        let mut after = [[0.0; AGE_BANDS]; PLACEMENTS];
        for (row, opening_row) in after.iter_mut().zip(&opening) {
            for b in 0..AGE_BANDS {
                let count = opening_row[b];
                let leaving = (count * self.exit_share[b] * chance[b]).min(count);
                let staying = count - leaving;
                let ageing = staying * self.ageing_share[b];
                exits += leaving;
                if b + 1 < AGE_BANDS {
                    row[b + 1] += ageing;
                } else {
                    // Turning 18: leaves care.
                    exits += ageing;
                }
                row[b] += staying - ageing;
            }
        }
        self.stock = after;

        // 2b. Placement moves with no lever pulled.
        let monthly = |percent: f64| {
            let yearly = (percent / 100.0).clamp(0.0, 1.0);
            1.0 - (1.0 - yearly).powf(1.0 / 12.0)
        };
        let moves = &s.placement_moves;
        let into_residential = monthly(moves.into_residential_percent_per_year);
        let out_of_residential = monthly(-moves.into_residential_percent_per_year);
        let into_supported = monthly(moves.into_supported_percent_per_year);
        let out_of_supported = monthly(-moves.into_supported_percent_per_year);
        if into_residential > 0.0
            || out_of_residential > 0.0
            || into_supported > 0.0
            || out_of_supported > 0.0
        {
            let mut to_foster = [0.0; AGE_BANDS];
            for b in AgeBand::ALL.into_iter().filter(|b| b.is_ten_plus()) {
                let b = b as usize;
                for p in [IN_HOUSE, IFA, KINSHIP] {
                    let moved = self.stock[p][b] * into_residential;
                    self.stock[p][b] -= moved;
                    self.stock[RESIDENTIAL][b] += moved;
                }
                let back = self.stock[RESIDENTIAL][b] * out_of_residential;
                self.stock[RESIDENTIAL][b] -= back;
                to_foster[b] += back;
            }
            for b in AgeBand::ALL.into_iter().filter(|b| b.may_be_in_supported()) {
                let b = b as usize;
                for p in [IN_HOUSE, IFA, KINSHIP, RESIDENTIAL] {
                    let moved = self.stock[p][b] * into_supported;
                    self.stock[p][b] -= moved;
                    self.stock[SUPPORTED][b] += moved;
                }
                let back = self.stock[SUPPORTED][b] * out_of_supported;
                self.stock[SUPPORTED][b] -= back;
                to_foster[b] += back;
            }
            let total = row_total(&to_foster);
            self.place_in_foster(&to_foster, total);
        }

        // 3. Special guardianship orders from foster and kinship care.
        let orders_wanted = levers.permanence.effective(month, 0.0).max(0.0) / 12.0;
        if orders_wanted > 0.0 {
            let sources = [IN_HOUSE, IFA, KINSHIP];
            let eligible: f64 = sources.iter().map(|&p| row_total(&self.stock[p])).sum();
            let orders = orders_wanted.min(eligible);
            if eligible > 0.0 {
                let keep = 1.0 - orders / eligible;
                for p in sources {
                    for count in &mut self.stock[p] {
                        *count *= keep;
                    }
                }
            }
            exits += orders;
            investment += orders * levers.permanence.assumptions.cost_per_order_gbp;
        }

        // 4. 17-year-olds stepped down to supported accommodation or home.
        let rate_17 = (levers.step_down_17.effective(month, 0.0) / 100.0 / 12.0).clamp(0.0, 1.0);
        if rate_17 > 0.0 {
            let home_share = (levers.step_down_17.assumptions.home_percent / 100.0).clamp(0.0, 1.0);
            let mut moved = 0.0;
            for p in [IN_HOUSE, IFA, KINSHIP, RESIDENTIAL] {
                let count = self.stock[p][AGE_17] * rate_17;
                self.stock[p][AGE_17] -= count;
                moved += count;
            }
            exits += moved * home_share;
            self.stock[SUPPORTED][AGE_17] += moved * (1.0 - home_share);
            investment += moved * levers.step_down_17.assumptions.cost_per_child_gbp;
        }

        // 5. Residential to foster care.
        let rate_residential =
            (levers.residential_step_down.effective(month, 0.0) / 100.0 / 12.0).clamp(0.0, 1.0);
        let step_down = &levers.residential_step_down.assumptions;
        let holds = 1.0 - (step_down.breakdown_percent / 100.0).clamp(0.0, 1.0);
        let enhanced_fee = step_down.enhanced_fee_gbp_per_week.max(0.0);
        let mut held = 0.0;
        if rate_residential > 0.0 {
            let mut attempted = [0.0; AGE_BANDS];
            let mut moving = [0.0; AGE_BANDS];
            for ((attempt, moving), count) in attempted
                .iter_mut()
                .zip(moving.iter_mut())
                .zip(&mut self.stock[RESIDENTIAL])
            {
                *attempt = *count * rate_residential;
                *moving = *attempt * holds;
                *count -= *moving;
            }
            let attempts = row_total(&attempted);
            let moved = row_total(&moving);
            self.place_in_foster(&moving, moved);
            investment += attempts * step_down.cost_per_child_gbp;
            // Breakdowns on the enhanced fee for 13 weeks, and retainers.
            let extra = (attempts - moved) * enhanced_fee * 13.0
                + step_down.retainer_gbp_per_year.max(0.0) / 12.0;
            if extra > 0.0 {
                investment += extra;
            }
            held = moved;
        }
        if enhanced_fee > 0.0 {
            self.step_down_history.push(held);
            let months = (step_down.enhanced_months as usize).min(self.step_down_history.len());
            let on_fee: f64 = self.step_down_history[self.step_down_history.len() - months..]
                .iter()
                .sum();
            investment += on_fee * enhanced_fee * month.weeks();
        }

        // 6. Entries.
        let e = &s.entries;
        let trend = (1.0 + e.demand_trend_percent_per_year / 100.0)
            .max(0.0)
            .powf(index as f64 / 12.0);
        let front_door = levers.front_door.effective(month, 0.0).clamp(0.0, 100.0) / 100.0;
        if levers.front_door.value != 0.0 {
            investment += levers.front_door.assumptions.annual_cost_gbp / 12.0
                * levers.front_door.progress(month);
        }
        let early_help_cut = self.early_help_cut(month);
        investment += levers.early_help.effective(month, 0.0).max(0.0) / 12.0;
        let expected_entries =
            (e.per_year.max(0.0) / 12.0) * trend * (1.0 - front_door) * (1.0 - early_help_cut);
        let entries = randomness.entries(expected_entries).max(0.0);

        let residential_10_plus = (levers
            .residential_share
            .effective(month, self.residential_neutral)
            / 100.0)
            .clamp(0.0, 1.0);
        if levers.residential_share.value != self.residential_neutral {
            investment += levers.residential_share.assumptions.annual_cost_gbp / 12.0
                * levers.residential_share.progress(month);
        }
        let residential_under_10 = (e.residential_percent_under_10 / 100.0).clamp(0.0, 1.0);
        let mut foster_entries = [0.0; AGE_BANDS];
        let mut entries_placed = 0.0;
        for b in AgeBand::ALL {
            let i = b as usize;
            let band_entries = entries * self.age_share[i];
            let residential_share = if b.is_ten_plus() {
                residential_10_plus
            } else {
                residential_under_10
            };
            let residential = band_entries * residential_share;
            let rest = band_entries - residential;
            let [foster, kinship, supported, with_parents] =
                self.first_placement[i].map(|share| rest * share);
            self.stock[RESIDENTIAL][i] += residential;
            self.stock[KINSHIP][i] += kinship;
            self.stock[SUPPORTED][i] += supported;
            self.stock[WITH_PARENTS][i] += with_parents;
            foster_entries[i] = foster;
            entries_placed += residential + kinship + supported + with_parents + foster;
        }
        let foster_total = row_total(&foster_entries);
        self.place_in_foster(&foster_entries, foster_total);

        // 7. Rebalance in-house and IFA.
        let capacity = self.capacity();
        let in_house = row_total(&self.stock[IN_HOUSE]);
        if in_house > capacity && in_house > 0.0 {
            // Carers left: the children they looked after move to agencies.
            self.move_share(IN_HOUSE, IFA, (in_house - capacity) / in_house);
        } else {
            let ifa = row_total(&self.stock[IFA]);
            let room = capacity - in_house;
            if ifa > 0.0 && room > 0.0 {
                self.move_share(IFA, IN_HOUSE, (room / ifa).min(1.0));
            }
        }

        // 8. Unaccompanied asylum-seeking children, apart: leaving, ageing, arrivals.
        let uasc_opening = row_total(&self.uasc);
        let (mut uasc_arrivals, mut uasc_exits) = (0.0, 0.0);
        if let Some(u) = &s.uasc {
            let mut after = [0.0; AGE_BANDS];
            for b in 0..AGE_BANDS {
                let count = self.uasc[b];
                let leaving = if count > 0.0 {
                    randomness
                        .leavers(count, self.uasc_leaving_share)
                        .clamp(0.0, count)
                } else {
                    0.0
                };
                let staying = count - leaving;
                let ageing = staying * self.ageing_share[b];
                uasc_exits += leaving;
                if b + 1 < AGE_BANDS {
                    after[b + 1] += ageing;
                } else {
                    uasc_exits += ageing;
                }
                after[b] += staying - ageing;
            }
            let trend = (1.0 + u.arrivals_trend_percent_per_year / 100.0)
                .max(0.0)
                .powf(index as f64 / 12.0);
            let expected = u.arrivals_per_year.max(0.0) / 12.0 * trend;
            uasc_arrivals = if expected > 0.0 {
                randomness.entries(expected).max(0.0)
            } else {
                0.0
            };
            for (count, share) in after.iter_mut().zip(self.uasc_arrival_share) {
                *count += uasc_arrivals * share;
            }
            self.uasc = after;
        }
        let uasc_closing = row_total(&self.uasc);

        // 9. Spend.
        let closing = Self::by_placement(&self.stock);
        let mut weekly = 0.0;
        let by_type = s.costs.price_growth_percent_per_year.is_some();
        for p in PlacementType::ALL {
            let average = (opening_by_placement[p] + closing[p]) / 2.0;
            if by_type {
                weekly += average * s.costs.average_weekly_gbp(p) * self.type_index[p];
            } else {
                weekly += average * s.costs.average_weekly_gbp(p);
            }
        }
        let spend = if by_type {
            weekly * month.weeks()
        } else {
            weekly * month.weeks() * self.price_index
        };
        let (uasc_gross, uasc_grant) = match &s.uasc {
            Some(u) => {
                let average = (uasc_opening + uasc_closing) / 2.0;
                (
                    average * u.weekly_cost_gbp.max(0.0) * month.weeks() * self.price_index,
                    average * u.grant_gbp_per_week.max(0.0) * month.weeks(),
                )
            }
            None => (0.0, 0.0),
        };

        RunMonth {
            month,
            looked_after: closing.total() + uasc_closing,
            uasc_looked_after: uasc_closing,
            by_placement: closing,
            opening_looked_after: opening_total + uasc_opening,
            entries: entries_placed + uasc_arrivals,
            exits: exits + uasc_exits,
            spend_gbp: spend + uasc_gross - uasc_grant,
            uasc_gross_spend_gbp: uasc_gross,
            uasc_grant_gbp: uasc_grant,
            investment_gbp: investment,
            in_house_capacity: capacity,
            price_index: self.price_index,
            price_levers: Default::default(),
        }
    }

    /// Share of entries cut by early help in `month`, from the investment in force `lag` earlier.
    fn early_help_cut(&self, month: Month) -> f64 {
        let lever = &self.scenario.levers.early_help;
        let a = &lever.assumptions;
        let invested = lever
            .effective(month.plus_months(-i64::from(a.lag_months)), 0.0)
            .max(0.0);
        a.entry_cut(invested)
    }

    /// Places children needing foster care: in-house while there is room, then IFA, keeping
    /// each age band's share.
    fn place_in_foster(&mut self, children: &[f64; AGE_BANDS], total: f64) {
        if total <= 0.0 {
            return;
        }
        let in_house_share = (self.in_house_room() / total).min(1.0);
        for (i, &count) in children.iter().enumerate() {
            let to_in_house = count * in_house_share;
            self.stock[IN_HOUSE][i] += to_in_house;
            self.stock[IFA][i] += count - to_in_house;
        }
    }

    /// Moves `share` (0 to 1) of every age band from one placement type to another.
    fn move_share(&mut self, from: usize, to: usize, share: f64) {
        for i in 0..AGE_BANDS {
            let moving = self.stock[from][i] * share;
            self.stock[from][i] -= moving;
            self.stock[to][i] += moving;
        }
    }
}

use care_levers::io::{councils, scenario_file};
use care_levers::model::projection::{run_pair, run_pair_with};
use care_levers::model::{project, run};
use proptest::prelude::*;

/// The shipped scenarios and a council fitted with unaccompanied children apart (Kent, 2025).
fn bases() -> Vec<Scenario> {
    vec![
        scenario_file::norfolk_2014().unwrap(),
        scenario_file::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("saved_scenarios/norfolk_2017_programme.ron"),
        )
        .unwrap()
        .scenario,
        councils::scenario_for_council("Kent", None)
            .unwrap()
            .scenario,
    ]
}

/// Value, start offset (months from the scenario start), ramp and optional end offset.
fn lever_setting(kind: LeverKind) -> impl Strategy<Value = (f64, i64, u32, Option<i64>)> {
    let spec = kind.spec();
    (
        spec.min..=spec.max,
        0i64..36,
        0u32..24,
        proptest::option::of(0i64..60),
    )
}

fn random_scenario() -> impl Strategy<Value = Scenario> {
    let settings: Vec<_> = LeverKind::ALL.iter().map(|&k| lever_setting(k)).collect();
    (
        0usize..3,
        settings,
        proptest::collection::vec(any::<bool>(), LeverKind::ALL.len()),
        1u32..=10,
        -8.0f64..8.0,
        -20.0f64..20.0,
        0.0f64..15.0,
    )
        .prop_map(
            |(base, settings, pulled, horizon, trend, uasc_trend, inflation)| {
                let mut scenario = bases().swap_remove(base);
                scenario.horizon_years = horizon;
                scenario.entries.demand_trend_percent_per_year = trend;
                scenario.costs.inflation_percent_per_year = inflation;
                if let Some(uasc) = &mut scenario.uasc {
                    uasc.arrivals_trend_percent_per_year = uasc_trend;
                }
                let start = scenario.start_month;
                for ((&kind, &(value, start_offset, ramp, end_offset)), pulled) in
                    LeverKind::ALL.iter().zip(&settings).zip(pulled)
                {
                    let neutral = kind.neutral(&scenario);
                    let lever = scenario.levers.timing_mut(kind);
                    // Half the levers left at doing nothing, as most plans pull a few.
                    *lever.value = if pulled { value } else { neutral };
                    *lever.start = start.plus_months(start_offset);
                    *lever.ramp_months = ramp;
                    *lever.end = end_offset.map(|e| start.plus_months(start_offset + e));
                }
                scenario
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn the_fast_engine_gives_the_reference_figures_to_the_last_digit(scenario in random_scenario()) {
        let reference = reference_run(&scenario);
        let reference_twin = reference_run(&scenario.do_nothing_twin());
        // One run, the pair side by side, and the projection built on the pair.
        prop_assert_eq!(&run(&scenario), &reference);
        let (ours, twin) = run_pair(&scenario);
        prop_assert_eq!(&ours, &reference);
        prop_assert_eq!(&twin, &reference_twin);
        let projection = project(&scenario);
        for ((m, r), t) in projection.months.iter().zip(&reference).zip(&reference_twin) {
            prop_assert_eq!(m.looked_after.to_bits(), r.looked_after.to_bits());
            prop_assert_eq!(m.spend_gbp.to_bits(), r.spend_gbp.to_bits());
            prop_assert_eq!(m.baseline_looked_after.to_bits(), t.looked_after.to_bits());
            prop_assert_eq!(m.investment_gbp.to_bits(), r.investment_gbp.to_bits());
        }
    }
}

/// Chance variation from a fixed list of normal deviates, the same for both engines.
struct Deviates {
    z: Vec<f64>,
    next: usize,
}

impl Deviates {
    fn new() -> Self {
        // A fixed, irregular sequence in (-2.5, 2.5).
        let z = (0..997)
            .map(|i| ((i as f64 * 0.618_033_988_749).fract() - 0.5) * 5.0)
            .collect();
        Deviates { z, next: 0 }
    }
    fn z(&mut self) -> f64 {
        let z = self.z[self.next % self.z.len()];
        self.next += 1;
        z
    }
}

impl Randomness for Deviates {
    fn entries(&mut self, expected: f64) -> f64 {
        (expected + expected.sqrt() * self.z()).max(0.0)
    }
    fn leavers(&mut self, count: f64, share: f64) -> f64 {
        let spread = (count * share * (1.0 - share)).max(0.0).sqrt();
        (count * share + spread * self.z()).clamp(0.0, count)
    }
}

#[test]
fn with_chance_variation_the_fast_engine_matches_the_reference_too() {
    for scenario in bases() {
        let mut scenario = scenario;
        scenario.horizon_years = 10;
        scenario.levers.front_door.value = 20.0;
        scenario.levers.step_down_17.value = 30.0;
        let reference = {
            let mut engine = Engine::new(&scenario);
            let mut chance = Deviates::new();
            (0..scenario.horizon_months())
                .map(|index| engine.step(index, &mut chance))
                .collect::<Vec<_>>()
        };
        let twin = scenario.do_nothing_twin();
        let reference_twin = {
            let mut engine = Engine::new(&twin);
            let mut chance = Deviates::new();
            (0..twin.horizon_months())
                .map(|index| engine.step(index, &mut chance))
                .collect::<Vec<_>>()
        };
        let (ours, theirs) = run_pair_with(&scenario, &mut Deviates::new(), &mut Deviates::new());
        assert_eq!(ours, reference, "{}", scenario.name);
        assert_eq!(theirs, reference_twin, "{}", scenario.name);
    }
}
