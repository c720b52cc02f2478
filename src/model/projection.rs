//! The projection engine: month by month, children entering, moving and leaving care, and
//! what their placements cost.
//!
//! Each month, in this order (see `docs/model.md`):
//! 1. foster carers: households leave (attrition) and are recruited (normal + lever);
//! 2. exits by rate and ageing, on the opening stock (17-year-olds leave care at 18);
//! 3. special guardianship orders from foster and kinship care (permanence lever);
//! 4. 17-year-olds stepped down to supported accommodation or home;
//! 5. residential to foster care step-down (in-house while there is room, then IFA);
//! 6. entries, after the front door and early help, placed by age: foster entries go in-house
//!    while there is room, otherwise to IFA;
//! 7. in-house and IFA rebalanced: children move from IFA to in-house as room appears, and
//!    from in-house to IFA if carers leave;
//! 8. unaccompanied asylum-seeking children, if counted apart: leaving before 18, ageing (leaving
//!    at 18), arrivals by age;
//! 9. spend: the month's average of opening and closing placements × weekly cost × weeks in the
//!    month × the price index (inflation applied each April after the start); UASC at their own
//!    weekly cost, less the Home Office grant (a fixed rate a week).

use super::placement::{AgeBand, ByPlacement, PlacementType};
use super::scenario::{LeverKind, Scenario};
use super::time::Month;

/// One month of a single run (a scenario or its twin), at the end of the month.
#[derive(Clone, Debug, PartialEq)]
pub struct RunMonth {
    /// The month.
    pub month: Month,
    /// Children in care at the end of the month, by placement type (not counting UASC).
    pub by_placement: ByPlacement<f64>,
    /// Children in care at the end of the month, UASC included.
    pub looked_after: f64,
    /// Unaccompanied asylum-seeking children in care at the end of the month (0 if the
    /// scenario does not count them apart).
    pub uasc_looked_after: f64,
    /// Children in care at the start of the month.
    pub opening_looked_after: f64,
    /// Children entering care in the month, UASC included.
    pub entries: f64,
    /// Children leaving care in the month, for any reason (turning 18 included), UASC included.
    pub exits: f64,
    /// £ spent on placements in the month, net of the Home Office grant for UASC.
    pub spend_gbp: f64,
    /// £ spent on UASC placements in the month, before the grant.
    pub uasc_gross_spend_gbp: f64,
    /// £ Home Office grant for UASC in the month.
    pub uasc_grant_gbp: f64,
    /// £ invested in levers in the month.
    pub investment_gbp: f64,
    /// In-house foster places (households × children per household) at the end of the month.
    pub in_house_capacity: f64,
    /// Price index applied to weekly costs in the month (1 at the start).
    pub price_index: f64,
}

/// Chance variation month to month: how many children actually enter and leave.
pub trait Randomness {
    /// True when every draw is exactly the expected number ([`Expected`]): the engine then
    /// skips working out chance factors that would all be exactly 1.
    const EXACT: bool = false;
    /// Children entering in a month when `expected` are expected (e.g. a Poisson draw).
    fn entries(&mut self, expected: f64) -> f64;
    /// Children leaving out of `count`, each leaving with probability `share` (e.g. binomial).
    /// Must lie between 0 and `count`.
    fn leavers(&mut self, count: f64, share: f64) -> f64;
}

/// No chance variation: exactly the expected numbers.
pub struct Expected;

impl Randomness for Expected {
    const EXACT: bool = true;
    fn entries(&mut self, expected: f64) -> f64 {
        expected
    }
    fn leavers(&mut self, count: f64, share: f64) -> f64 {
        count * share
    }
}

/// Runs one scenario on its own, without its twin. Deterministic; the scenario should be
/// valid (see [`Scenario::validate`]); invalid values are clamped so that no stock goes negative.
pub fn run(scenario: &Scenario) -> Vec<RunMonth> {
    run_with(scenario, &mut Expected)
}

/// Runs one scenario with chance variation in entries and exits.
pub fn run_with<R: Randomness>(scenario: &Scenario, randomness: &mut R) -> Vec<RunMonth> {
    let mut engine = Engine::new(scenario, false);
    (0..scenario.horizon_months())
        .map(|index| engine.step(index, &Growth::at(scenario, index), randomness))
        .collect()
}

/// Runs a scenario and its "do nothing" twin (every lever at its neutral value) side by side,
/// each with its own chance variation: the same figures as [`run_with`] on the scenario and on
/// [`Scenario::do_nothing_twin`], to the last digit, without copying the scenario and with the
/// month's growth in demand worked out once for both.
pub fn run_pair_with<R: Randomness>(
    scenario: &Scenario,
    randomness: &mut R,
    twin_randomness: &mut R,
) -> (Vec<RunMonth>, Vec<RunMonth>) {
    let months = scenario.horizon_months();
    let mut engine = Engine::new(scenario, false);
    let mut twin = Engine::new(scenario, true);
    let mut ours = Vec::with_capacity(months);
    let mut theirs = Vec::with_capacity(months);
    for index in 0..months {
        let growth = Growth::at(scenario, index);
        ours.push(engine.step(index, &growth, randomness));
        theirs.push(twin.step(index, &growth, twin_randomness));
    }
    (ours, theirs)
}

/// Runs a scenario and its "do nothing" twin with no chance variation ([`run_pair_with`]).
pub fn run_pair(scenario: &Scenario) -> (Vec<RunMonth>, Vec<RunMonth>) {
    run_pair_with(scenario, &mut Expected, &mut Expected)
}

/// The growth in demand since the start, by month `index`: the same for a scenario and its twin.
struct Growth {
    /// Entries' demand trend, compounded (1 at the start).
    entries: f64,
    /// UASC arrivals' trend, compounded (1 at the start; 1 if none are counted apart).
    uasc_arrivals: f64,
}

impl Growth {
    fn at(scenario: &Scenario, index: usize) -> Growth {
        let compound = |percent_per_year: f64| {
            (1.0 + percent_per_year / 100.0)
                .max(0.0)
                .powf(index as f64 / 12.0)
        };
        Growth {
            entries: compound(scenario.entries.demand_trend_percent_per_year),
            uasc_arrivals: scenario
                .uasc
                .as_ref()
                .map_or(1.0, |u| compound(u.arrivals_trend_percent_per_year)),
        }
    }
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
    /// The "do nothing" twin: every lever at its neutral value (the scenario's own values are
    /// ignored), as [`Scenario::do_nothing_twin`] would set them.
    twin: bool,
    stock: Grid,
    households: f64,
    price_index: f64,
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
    /// Per-run constants, worked out once (the same operations as in the month, so the same
    /// figures to the last digit).
    constants: Constants,
}

/// Figures that do not change from month to month within a run.
struct Constants {
    /// Households recruited a month with no lever.
    recruits_per_month: f64,
    /// Children entering a month before trend and levers.
    entries_per_month: f64,
    /// Share of entries under 10 placed first in residential homes.
    residential_under_10: f64,
    /// Share of stepped-down 17-year-olds who go home.
    home_share: f64,
    /// The front door's running cost a month at full effect.
    front_door_cost_per_month: f64,
    /// The residential-share lever's running cost a month at full effect.
    residential_share_cost_per_month: f64,
    /// UASC arriving a month before their trend.
    uasc_arrivals_per_month: f64,
}

impl<'a> Engine<'a> {
    fn new(scenario: &'a Scenario, twin: bool) -> Self {
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
            uasc,
            uasc_leaving_share,
            uasc_arrival_share,
            scenario,
            twin,
            stock,
            households: scenario.fostering.in_house_households.max(0.0),
            price_index: 1.0,
            attrition_per_month: monthly_share_from_yearly_percent(
                scenario.fostering.attrition_percent_per_year,
            ),
            exit_share,
            ageing_share,
            age_share,
            first_placement,
            residential_neutral: LeverKind::ResidentialShare.neutral(scenario),
            constants: Constants {
                recruits_per_month: scenario.fostering.recruits_per_year.max(0.0) / 12.0,
                entries_per_month: scenario.entries.per_year.max(0.0) / 12.0,
                residential_under_10: (scenario.entries.residential_percent_under_10 / 100.0)
                    .clamp(0.0, 1.0),
                home_share: (scenario.levers.step_down_17.assumptions.home_percent / 100.0)
                    .clamp(0.0, 1.0),
                front_door_cost_per_month: scenario.levers.front_door.assumptions.annual_cost_gbp
                    / 12.0,
                residential_share_cost_per_month: scenario
                    .levers
                    .residential_share
                    .assumptions
                    .annual_cost_gbp
                    / 12.0,
                uasc_arrivals_per_month: scenario
                    .uasc
                    .as_ref()
                    .map_or(0.0, |u| u.arrivals_per_year.max(0.0) / 12.0),
            },
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

    /// The value of a lever in force in `month`: exactly `neutral` for the twin, as
    /// [`crate::model::Lever::effective`] gives for a lever at its neutral value.
    fn lever<A>(&self, lever: &crate::model::Lever<A>, month: Month, neutral: f64) -> f64 {
        if self.twin {
            neutral
        } else {
            lever.effective(month, neutral)
        }
    }

    /// A lever set in "% a year" as a share a month (0 to 1): exactly 0 for the twin, as
    /// (0 / 100 / 12) would give.
    fn monthly_rate<A>(&self, lever: &crate::model::Lever<A>, month: Month) -> f64 {
        if self.twin {
            0.0
        } else {
            (lever.effective(month, 0.0) / 100.0 / 12.0).clamp(0.0, 1.0)
        }
    }

    /// Whether a lever is pulled (away from `neutral`): never for the twin.
    fn pulled<A>(&self, lever: &crate::model::Lever<A>, neutral: f64) -> bool {
        !self.twin && lever.value != neutral
    }

    fn step<R: Randomness>(
        &mut self,
        index: usize,
        growth: &Growth,
        randomness: &mut R,
    ) -> RunMonth {
        let s = self.scenario;
        let levers = &s.levers;
        let month = s.start_month.plus_months(index as i64);
        if index > 0 && month.month == 4 {
            self.price_index *= 1.0 + s.costs.inflation_percent_per_year / 100.0;
        }
        let opening_by_placement = Self::by_placement(&self.stock);
        let opening_total = opening_by_placement.total();
        let mut investment = 0.0;

        // 1. Foster carers.
        let extra_recruits = self.lever(&levers.foster_recruitment, month, 0.0).max(0.0) / 12.0;
        investment += extra_recruits * levers.foster_recruitment.assumptions.cost_per_recruit_gbp;
        self.households = self.households * (1.0 - self.attrition_per_month)
            + self.constants.recruits_per_month
            + extra_recruits;

        // 2. Exits by rate and ageing, on the opening stock.
        let mut exits = 0.0;
        // How many more (or fewer) leave than expected in each band, by chance.
        let mut chance = [1.0; AGE_BANDS];
        // Exact draws give actual = expected, a factor of exactly 1.
        for (b, factor) in chance.iter_mut().enumerate().filter(|_| !R::EXACT) {
            let band: f64 = self.stock.iter().map(|row| row[b]).sum();
            let expected = band * self.exit_share[b];
            if expected > 0.0 {
                let actual = randomness
                    .leavers(band, self.exit_share[b])
                    .clamp(0.0, band);
                *factor = actual / expected;
            }
        }
        // In place, youngest band first: each band keeps those who stay and do not age out, and
        // gains those who aged in from the band below (`carried`), in the order a fresh grid
        // filled band by band would add them, so the figures are the same to the last digit.
        for row in &mut self.stock {
            let mut carried = 0.0;
            for b in 0..AGE_BANDS {
                let count = row[b];
                let leaving = (count * self.exit_share[b] * chance[b]).min(count);
                let staying = count - leaving;
                let ageing = staying * self.ageing_share[b];
                exits += leaving;
                row[b] = carried + (staying - ageing);
                if b + 1 < AGE_BANDS {
                    carried = 0.0 + ageing;
                } else {
                    // Turning 18: leaves care.
                    exits += ageing;
                }
            }
        }

        // 3. Special guardianship orders from foster and kinship care.
        let orders_wanted = self.lever(&levers.permanence, month, 0.0).max(0.0) / 12.0;
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
        let rate_17 = self.monthly_rate(&levers.step_down_17, month);
        if rate_17 > 0.0 {
            let home_share = self.constants.home_share;
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
        let rate_residential = self.monthly_rate(&levers.residential_step_down, month);
        if rate_residential > 0.0 {
            let mut moving = [0.0; AGE_BANDS];
            for (moving, count) in moving.iter_mut().zip(&mut self.stock[RESIDENTIAL]) {
                *moving = *count * rate_residential;
                *count -= *moving;
            }
            let moved = row_total(&moving);
            self.place_in_foster(&moving, moved);
            investment += moved * levers.residential_step_down.assumptions.cost_per_child_gbp;
        }

        // 6. Entries.
        let trend = growth.entries;
        let front_door = self.lever(&levers.front_door, month, 0.0).clamp(0.0, 100.0) / 100.0;
        if self.pulled(&levers.front_door, 0.0) {
            investment +=
                self.constants.front_door_cost_per_month * levers.front_door.progress(month);
        }
        let early_help_cut = if self.twin {
            0.0
        } else {
            self.early_help_cut(month)
        };
        investment += self.lever(&levers.early_help, month, 0.0).max(0.0) / 12.0;
        let expected_entries =
            self.constants.entries_per_month * trend * (1.0 - front_door) * (1.0 - early_help_cut);
        let entries = randomness.entries(expected_entries).max(0.0);

        let residential_10_plus =
            (self.lever(&levers.residential_share, month, self.residential_neutral) / 100.0)
                .clamp(0.0, 1.0);
        if self.pulled(&levers.residential_share, self.residential_neutral) {
            investment += self.constants.residential_share_cost_per_month
                * levers.residential_share.progress(month);
        }
        let residential_under_10 = self.constants.residential_under_10;
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
        if s.uasc.is_some() {
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
            let expected = self.constants.uasc_arrivals_per_month * growth.uasc_arrivals;
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
        for p in PlacementType::ALL {
            let average = (opening_by_placement[p] + closing[p]) / 2.0;
            weekly += average * s.costs.weekly_gbp[p].max(0.0);
        }
        let spend = weekly * month.weeks() * self.price_index;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yearly_percent_compounds_to_the_same_over_twelve_months() {
        let monthly = monthly_share_from_yearly_percent(10.0);
        let kept = (1.0 - monthly).powi(12);
        assert!((kept - 0.9).abs() < 1e-12);
    }
}
