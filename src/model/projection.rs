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

use super::lanes::{Lanes, Mask, and, any, yes_if};
use super::placement::{AgeBand, ByPlacement, PlacementType};
use super::scenario::{Lever, LeverKind, Levers, Scenario};
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
    let mut months = Vec::with_capacity(scenario.horizon_months());
    run_lanes([scenario], [false], [randomness], |[month]| {
        months.push(month)
    });
    months
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
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { run_pair_avx2(scenario, randomness, twin_randomness) };
    }
    run_pair_plain(scenario, randomness, twin_randomness)
}

/// [`run_pair_plain`] compiled for processors with AVX2 (see [`run_lanes_avx2`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn run_pair_avx2<R: Randomness>(
    scenario: &Scenario,
    randomness: &mut R,
    twin_randomness: &mut R,
) -> (Vec<RunMonth>, Vec<RunMonth>) {
    run_pair_plain(scenario, randomness, twin_randomness)
}

/// The scenario and its twin one after the other each month, each in an engine of one lane:
/// measured faster than the two in the lanes of one engine (docs/performance.md), as the
/// twin's month skips the levers' work.
#[inline(always)]
fn run_pair_plain<R: Randomness>(
    scenario: &Scenario,
    randomness: &mut R,
    twin_randomness: &mut R,
) -> (Vec<RunMonth>, Vec<RunMonth>) {
    let months = scenario.horizon_months();
    let mut ours = Vec::with_capacity(months);
    let mut theirs = Vec::with_capacity(months);
    let mut engine = Engine::new([scenario], [false]);
    let mut twin = Engine::new([scenario], [true]);
    let (mut randomness, mut twin_randomness) = ([randomness], [twin_randomness]);
    for index in 0..months {
        let growth = engine.growth(index);
        let [month] = engine.step(index, growth, &mut randomness);
        ours.push(month);
        let [month] = twin.step(index, growth, &mut twin_randomness);
        theirs.push(month);
    }
    (ours, theirs)
}

/// Runs a scenario and its "do nothing" twin with no chance variation ([`run_pair_with`]).
pub fn run_pair(scenario: &Scenario) -> (Vec<RunMonth>, Vec<RunMonth>) {
    run_pair_with(scenario, &mut Expected, &mut Expected)
}

/// Runs `N` projections side by side, one per lane (see [`super::lanes`]), handing each month
/// of every run to `month_done` as it is worked out. Lane `i` runs `scenarios[i]` (its "do
/// nothing" twin if `twin[i]`) with `randomness[i]`, and gives exactly, to the last digit, what
/// [`run_with`] gives for it alone: every lane does the scalar engine's operations in the same
/// order, and a branch becomes a choice per lane. On a processor with AVX2 the engine is the
/// one compiled for it (four lanes an instruction), otherwise the plain x86-64 one: the same
/// figures either way (tested).
///
/// The lanes must share the start month, the horizon and whether unaccompanied children are
/// counted apart (they do when they are one scenario and its twin, or draws from one
/// scenario); the first lane's are used.
pub(crate) fn run_lanes<const N: usize, R: Randomness>(
    scenarios: [&Scenario; N],
    twin: [bool; N],
    randomness: [&mut R; N],
    month_done: impl FnMut([RunMonth; N]),
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        unsafe { run_lanes_avx2(scenarios, twin, randomness, month_done) };
        return;
    }
    run_lanes_plain(scenarios, twin, randomness, month_done);
}

/// [`run_lanes_plain`] compiled for processors with AVX2 (four lanes an instruction). The same
/// operations: IEEE arithmetic gives the same bits whatever the instruction width.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn run_lanes_avx2<const N: usize, R: Randomness>(
    scenarios: [&Scenario; N],
    twin: [bool; N],
    randomness: [&mut R; N],
    month_done: impl FnMut([RunMonth; N]),
) {
    run_lanes_plain(scenarios, twin, randomness, month_done);
}

/// The months of [`run_lanes`], in whichever instruction set the caller is compiled for
/// (inlined into it).
#[inline(always)]
fn run_lanes_plain<const N: usize, R: Randomness>(
    scenarios: [&Scenario; N],
    twin: [bool; N],
    mut randomness: [&mut R; N],
    mut month_done: impl FnMut([RunMonth; N]),
) {
    let Some(first) = scenarios.first() else {
        return;
    };
    debug_assert!(
        scenarios.iter().all(|s| s.start_month == first.start_month
            && s.horizon_months() == first.horizon_months()
            && s.uasc.is_some() == first.uasc.is_some()),
        "lanes run one scenario, its twin or its draws"
    );
    let mut engine = Engine::new(scenarios, twin);
    for index in 0..first.horizon_months() {
        let growth = engine.growth(index);
        month_done(engine.step(index, growth, &mut randomness));
    }
}

/// The growth in demand since the start, by month `index`: the same for a scenario and its twin.
#[derive(Clone, Copy)]
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

/// Children by placement type and age band, indexed `[placement as usize][band as usize]`, one
/// lane per run: plain arrays keep the monthly step fast enough to rerun on every frame.
type Grid<const N: usize> = [[Lanes<N>; AGE_BANDS]; PLACEMENTS];
const PLACEMENTS: usize = PlacementType::ALL.len();
const AGE_BANDS: usize = AgeBand::ALL.len();
const IN_HOUSE: usize = PlacementType::InHouseFoster as usize;
const IFA: usize = PlacementType::Ifa as usize;
const KINSHIP: usize = PlacementType::Kinship as usize;
const RESIDENTIAL: usize = PlacementType::Residential as usize;
const SUPPORTED: usize = PlacementType::Supported as usize;
const WITH_PARENTS: usize = PlacementType::WithParentsOther as usize;
const AGE_17: usize = AgeBand::Age17 as usize;

#[inline(always)]
fn row_total<const N: usize>(row: &[Lanes<N>; AGE_BANDS]) -> Lanes<N> {
    Lanes::sum(row)
}

/// Picks one lever out of a scenario's levers (a closure such as `|l| &l.front_door`).
type PickLever<A> = fn(&Levers) -> &Lever<A>;

struct Engine<'a, const N: usize> {
    scenarios: [&'a Scenario; N],
    /// The "do nothing" twins: every lever at its neutral value (the scenario's own values are
    /// ignored), as [`Scenario::do_nothing_twin`] would set them.
    twin: [bool; N],
    start_month: Month,
    counts_uasc: bool,
    stock: Grid<N>,
    /// Children by placement type at the end of the last month (the start of this one), added
    /// up as the month's closing totals were: the same figures without adding them again.
    stock_totals: [Lanes<N>; PLACEMENTS],
    households: Lanes<N>,
    price_index: Lanes<N>,
    /// UASC in care by age band.
    uasc: [Lanes<N>; AGE_BANDS],
    /// UASC in care at the end of the last month.
    uasc_total: Lanes<N>,
    /// Share of each band ageing into the next a month (1 / the band's width in months).
    ageing_share: [f64; AGE_BANDS],
    constants: Constants<N>,
}

/// Figures that do not change from month to month within a run, one lane per run, worked out
/// once with the same operations as the month would use (so the same figures to the last digit).
struct Constants<const N: usize> {
    attrition_per_month: Lanes<N>,
    /// 1 + inflation: the price index's rise each April.
    inflation_factor: Lanes<N>,
    exit_share: [Lanes<N>; AGE_BANDS],
    age_share: [Lanes<N>; AGE_BANDS],
    /// Per band: shares of non-residential entries going to foster, kinship, supported, parents.
    first_placement: [[Lanes<N>; 4]; AGE_BANDS],
    residential_neutral: [f64; N],
    /// UASC leaving before 18, share a month.
    uasc_leaving_share: Lanes<N>,
    /// Age at arrival, shares of UASC arrivals.
    uasc_arrival_share: [Lanes<N>; AGE_BANDS],
    /// Households recruited a month with no lever.
    recruits_per_month: Lanes<N>,
    /// Children entering a month before trend and levers.
    entries_per_month: Lanes<N>,
    /// Share of entries under 10 placed first in residential homes.
    residential_under_10: Lanes<N>,
    /// Share of stepped-down 17-year-olds who go home.
    home_share: Lanes<N>,
    /// The front door's running cost a month at full effect.
    front_door_cost_per_month: [f64; N],
    /// The residential-share lever's running cost a month at full effect.
    residential_share_cost_per_month: [f64; N],
    /// UASC arriving a month before their trend.
    uasc_arrivals_per_month: Lanes<N>,
    children_per_household: Lanes<N>,
    /// £ a week by placement type (never below 0).
    weekly_gbp: [Lanes<N>; PLACEMENTS],
    uasc_weekly_gbp: Lanes<N>,
    uasc_grant_gbp_per_week: Lanes<N>,
    cost_per_recruit_gbp: Lanes<N>,
    cost_per_order_gbp: Lanes<N>,
    step_down_17_cost_per_child_gbp: Lanes<N>,
    residential_step_down_cost_per_child_gbp: Lanes<N>,
}

/// A count read from a file: negative or not a number counts as none.
fn count_or_none(count: f64) -> f64 {
    if count.is_finite() {
        count.max(0.0)
    } else {
        0.0
    }
}

/// Shares of a band's non-residential entries going to foster, kinship, supported, parents.
fn first_placement_shares(scenario: &Scenario, band: AgeBand) -> [f64; 4] {
    let split = &scenario.entries.non_residential_split_percent[band];
    let supported = if band.may_be_in_supported() {
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
    parts.map(|part| part / total)
}

impl<'a, const N: usize> Engine<'a, N> {
    #[inline(always)]
    fn new(scenarios: [&'a Scenario; N], twin: [bool; N]) -> Self {
        let lanes = |f: &dyn Fn(&Scenario) -> f64| Lanes::from_fn(|i| f(scenarios[i]));
        let by_band = |f: &dyn Fn(&Scenario, AgeBand) -> f64| {
            AgeBand::ALL.map(|b| Lanes::from_fn(|i| f(scenarios[i], b)))
        };
        let stock = PlacementType::ALL
            .map(|p| by_band(&|s, b| count_or_none(s.opening_looked_after[p][b])));
        let uasc_arrival_share = by_band(&|s, b| {
            s.uasc.as_ref().map_or(0.0, |u| {
                let arrival_total: f64 = AgeBand::ALL
                    .iter()
                    .map(|&b| u.arrival_age_percent[b].max(0.0))
                    .sum::<f64>()
                    .max(f64::MIN_POSITIVE);
                u.arrival_age_percent[b].max(0.0) / arrival_total
            })
        });
        let first_placement = AgeBand::ALL.map(|b| {
            let shares: [[f64; 4]; N] = scenarios.map(|s| first_placement_shares(s, b));
            std::array::from_fn(|k| Lanes::from_fn(|i| shares[i][k]))
        });
        let first = scenarios.first();
        let uasc = by_band(&|s, b| s.uasc.as_ref().map_or(0.0, |u| count_or_none(u.opening[b])));
        Engine {
            stock_totals: std::array::from_fn(|p| row_total(&stock[p])),
            uasc_total: row_total(&uasc),
            uasc,
            scenarios,
            twin,
            start_month: first.map_or(Month::FIRST_SUPPORTED, |s| s.start_month),
            counts_uasc: first.is_some_and(|s| s.uasc.is_some()),
            stock,
            households: lanes(&|s| s.fostering.in_house_households.max(0.0)),
            price_index: Lanes::splat(1.0),
            ageing_share: AgeBand::ALL.map(|b| 1.0 / b.width_months()),
            constants: Constants {
                attrition_per_month: lanes(&|s| {
                    monthly_share_from_yearly_percent(s.fostering.attrition_percent_per_year)
                }),
                inflation_factor: lanes(&|s| 1.0 + s.costs.inflation_percent_per_year / 100.0),
                exit_share: by_band(&|s, b| s.exits.monthly_share(b).clamp(0.0, 1.0)),
                age_share: by_band(&|s, b| (s.entries.age_percent[b] / 100.0).max(0.0)),
                first_placement,
                residential_neutral: scenarios.map(|s| LeverKind::ResidentialShare.neutral(s)),
                uasc_leaving_share: lanes(&|s| {
                    s.uasc.as_ref().map_or(0.0, |u| {
                        (u.leaving_percent_per_month / 100.0).clamp(0.0, 1.0)
                    })
                }),
                uasc_arrival_share,
                recruits_per_month: lanes(&|s| s.fostering.recruits_per_year.max(0.0) / 12.0),
                entries_per_month: lanes(&|s| s.entries.per_year.max(0.0) / 12.0),
                residential_under_10: lanes(&|s| {
                    (s.entries.residential_percent_under_10 / 100.0).clamp(0.0, 1.0)
                }),
                home_share: lanes(&|s| {
                    (s.levers.step_down_17.assumptions.home_percent / 100.0).clamp(0.0, 1.0)
                }),
                front_door_cost_per_month: scenarios
                    .map(|s| s.levers.front_door.assumptions.annual_cost_gbp / 12.0),
                residential_share_cost_per_month: scenarios
                    .map(|s| s.levers.residential_share.assumptions.annual_cost_gbp / 12.0),
                uasc_arrivals_per_month: lanes(&|s| {
                    s.uasc
                        .as_ref()
                        .map_or(0.0, |u| u.arrivals_per_year.max(0.0) / 12.0)
                }),
                children_per_household: lanes(&|s| s.fostering.children_per_household.max(0.0)),
                weekly_gbp: PlacementType::ALL
                    .map(|p| Lanes::from_fn(|i| scenarios[i].costs.weekly_gbp[p].max(0.0))),
                uasc_weekly_gbp: lanes(&|s| {
                    s.uasc.as_ref().map_or(0.0, |u| u.weekly_cost_gbp.max(0.0))
                }),
                uasc_grant_gbp_per_week: lanes(&|s| {
                    s.uasc
                        .as_ref()
                        .map_or(0.0, |u| u.grant_gbp_per_week.max(0.0))
                }),
                cost_per_recruit_gbp: lanes(&|s| {
                    s.levers.foster_recruitment.assumptions.cost_per_recruit_gbp
                }),
                cost_per_order_gbp: lanes(&|s| s.levers.permanence.assumptions.cost_per_order_gbp),
                step_down_17_cost_per_child_gbp: lanes(&|s| {
                    s.levers.step_down_17.assumptions.cost_per_child_gbp
                }),
                residential_step_down_cost_per_child_gbp: lanes(&|s| {
                    s.levers
                        .residential_step_down
                        .assumptions
                        .cost_per_child_gbp
                }),
            },
        }
    }

    /// The value of a lever in force in `month`: exactly `neutral` for a twin, as
    /// [`crate::model::Lever::effective`] gives for a lever at its neutral value.
    #[inline(always)]
    fn lever<A>(&self, pick: PickLever<A>, month: Month, neutral: [f64; N]) -> Lanes<N> {
        Lanes::from_fn(|i| {
            if self.twin[i] {
                neutral[i]
            } else {
                pick(&self.scenarios[i].levers).effective(month, neutral[i])
            }
        })
    }

    /// A lever set in "% a year" as a share a month (0 to 1): exactly 0 for a twin, as
    /// (0 / 100 / 12) would give.
    #[inline(always)]
    fn monthly_rate<A>(&self, pick: PickLever<A>, month: Month) -> Lanes<N> {
        Lanes::from_fn(|i| {
            if self.twin[i] {
                0.0
            } else {
                (pick(&self.scenarios[i].levers).effective(month, 0.0) / 100.0 / 12.0)
                    .clamp(0.0, 1.0)
            }
        })
    }

    /// What a pulled lever's running cost adds to the month's investment (`cost_per_month` at
    /// full effect, scaled by its ramp-up), and in which lanes it is pulled (never a twin).
    #[inline(always)]
    fn running_cost<A>(
        &self,
        pick: PickLever<A>,
        month: Month,
        neutral: [f64; N],
        cost_per_month: [f64; N],
    ) -> (Mask<N>, Lanes<N>) {
        let pulled: [bool; N] = std::array::from_fn(|i| {
            !self.twin[i] && pick(&self.scenarios[i].levers).value != neutral[i]
        });
        let cost = Lanes::from_fn(|i| {
            if pulled[i] {
                cost_per_month[i] * pick(&self.scenarios[i].levers).progress(month)
            } else {
                0.0
            }
        });
        (pulled.map(yes_if), cost)
    }

    /// Each lane's growth in demand by month `index`, worked out once for lanes that run the
    /// same scenario (a scenario and its twin).
    fn growth(&self, index: usize) -> [Growth; N] {
        let mut growth = [Growth {
            entries: 1.0,
            uasc_arrivals: 1.0,
        }; N];
        for i in 0..N {
            growth[i] = if i > 0 && std::ptr::eq(self.scenarios[i], self.scenarios[i - 1]) {
                growth[i - 1]
            } else {
                Growth::at(self.scenarios[i], index)
            };
        }
        growth
    }

    /// One month for every lane: the nine phases in the module's order (docs/model.md).
    #[inline(always)]
    fn step<R: Randomness>(
        &mut self,
        index: usize,
        growth: [Growth; N],
        randomness: &mut [&mut R; N],
    ) -> [RunMonth; N] {
        let month = self.start_month.plus_months(index as i64);
        if index > 0 && month.month == 4 {
            self.price_index *= self.constants.inflation_factor;
        }
        let opening = self.stock_totals;
        let mut investment = Lanes::splat(0.0);
        let capacity = self.foster_carers(month, &mut investment);
        let mut exits = self.exits_and_ageing(randomness);
        self.special_guardianship(month, &mut exits, &mut investment);
        self.step_down_17(month, &mut exits, &mut investment);
        self.residential_step_down(month, capacity, &mut investment);
        let entries_placed = self.entries(month, growth, randomness, capacity, &mut investment);
        self.rebalance_foster(capacity);
        let uasc = self.unaccompanied(growth, randomness);
        self.spend(
            month,
            opening,
            Flows {
                entries_placed,
                exits,
                investment,
                capacity,
                uasc,
            },
        )
    }

    /// Phase 1: Foster carers: households leave and are recruited (normal and lever); the lever's
    /// recruits' cost goes to `investment`. Returns the in-house places.
    #[inline(always)]
    fn foster_carers(&mut self, month: Month, investment: &mut Lanes<N>) -> Lanes<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let extra_recruits = self
            .lever(|l| &l.foster_recruitment, month, [0.0; N])
            .max(zero)
            / 12.0;
        *investment += extra_recruits * c.cost_per_recruit_gbp;
        self.households =
            self.households * (1.0 - c.attrition_per_month) + c.recruits_per_month + extra_recruits;
        self.households * c.children_per_household
    }

    /// Phase 2: Exits by rate (by chance where the randomness draws) and ageing, on the opening stock;
    /// 17-year-olds turning 18 leave care. Returns the children who left.
    #[inline(always)]
    fn exits_and_ageing<R: Randomness>(&mut self, randomness: &mut [&mut R; N]) -> Lanes<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let mut exits = zero;
        // How many more (or fewer) leave than expected in each band, by chance.
        let mut chance = [Lanes::splat(1.0); AGE_BANDS];
        // Exact draws give actual = expected, a factor of exactly 1.
        if !R::EXACT {
            for (b, factor) in chance.iter_mut().enumerate() {
                let band = Lanes::sum(self.stock.iter().map(|row| &row[b]));
                let expected = band * c.exit_share[b];
                for (i, lane) in randomness.iter_mut().enumerate() {
                    if expected.0[i] > 0.0 {
                        let actual = lane
                            .leavers(band.0[i], c.exit_share[b].0[i])
                            .clamp(0.0, band.0[i]);
                        factor.0[i] = actual / expected.0[i];
                    }
                }
            }
        }
        // In place, youngest band first: each band keeps those who stay and do not age out, and
        // gains those who aged in from the band below (`carried`), in the order a fresh grid
        // filled band by band would add them, so the figures are the same to the last digit.
        for row in &mut self.stock {
            let mut carried = zero;
            for b in 0..AGE_BANDS {
                let count = row[b];
                let leaving = (count * c.exit_share[b] * chance[b]).min(count);
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
        exits
    }

    /// Phase 3: Special guardianship orders from foster and kinship care (the permanence lever).
    #[inline(always)]
    fn special_guardianship(
        &mut self,
        month: Month,
        exits: &mut Lanes<N>,
        investment: &mut Lanes<N>,
    ) {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let orders_wanted = self.lever(|l| &l.permanence, month, [0.0; N]).max(zero) / 12.0;
        let ordering = orders_wanted.gt(zero);
        if any(ordering) {
            let sources = [IN_HOUSE, IFA, KINSHIP];
            let eligible = Lanes::sum(&sources.map(|p| row_total(&self.stock[p])));
            let orders = orders_wanted.min(eligible);
            let leaving = and(ordering, eligible.gt(zero));
            let keep = 1.0 - orders / eligible;
            for p in sources {
                for count in &mut self.stock[p] {
                    *count = Lanes::select(leaving, *count * keep, *count);
                }
            }
            *exits = exits.plus_where(ordering, orders);
            *investment = investment.plus_where(ordering, orders * c.cost_per_order_gbp);
        }
    }

    /// Phase 4: 17-year-olds stepped down to supported accommodation or home.
    #[inline(always)]
    fn step_down_17(&mut self, month: Month, exits: &mut Lanes<N>, investment: &mut Lanes<N>) {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let rate_17 = self.monthly_rate(|l| &l.step_down_17, month);
        let stepping = rate_17.gt(zero);
        if any(stepping) {
            let home_share = c.home_share;
            let mut moved = zero;
            for p in [IN_HOUSE, IFA, KINSHIP, RESIDENTIAL] {
                let cell = &mut self.stock[p][AGE_17];
                let count = *cell * rate_17;
                *cell = Lanes::select(stepping, *cell - count, *cell);
                moved += count;
            }
            *exits = exits.plus_where(stepping, moved * home_share);
            let supported = &mut self.stock[SUPPORTED][AGE_17];
            *supported = supported.plus_where(stepping, moved * (1.0 - home_share));
            *investment =
                investment.plus_where(stepping, moved * c.step_down_17_cost_per_child_gbp);
        }
    }

    /// Phase 5: Residential to foster care (in-house while there is room, then agencies).
    #[inline(always)]
    fn residential_step_down(
        &mut self,
        month: Month,
        capacity: Lanes<N>,
        investment: &mut Lanes<N>,
    ) {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let rate_residential = self.monthly_rate(|l| &l.residential_step_down, month);
        let stepping_down = rate_residential.gt(zero);
        if any(stepping_down) {
            let mut moving = [zero; AGE_BANDS];
            for (moving, count) in moving.iter_mut().zip(&mut self.stock[RESIDENTIAL]) {
                *moving = *count * rate_residential;
                *count = Lanes::select(stepping_down, *count - *moving, *count);
            }
            let moved = row_total(&moving);
            place_in_foster(&mut self.stock, capacity, &moving, moved, stepping_down);
            *investment = investment.plus_where(
                stepping_down,
                moved * c.residential_step_down_cost_per_child_gbp,
            );
        }
    }

    /// Phase 6: Entries, after the front door and early help, placed by age (foster entries in-house
    /// while there is room, otherwise with agencies). Returns the children placed.
    #[inline(always)]
    fn entries<R: Randomness>(
        &mut self,
        month: Month,
        growth: [Growth; N],
        randomness: &mut [&mut R; N],
        capacity: Lanes<N>,
        investment: &mut Lanes<N>,
    ) -> Lanes<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let trend = Lanes::from_fn(|i| growth[i].entries);
        let front_door = self
            .lever(|l| &l.front_door, month, [0.0; N])
            .map(|value| value.clamp(0.0, 100.0))
            / 100.0;
        let (front_door_pulled, front_door_cost) = self.running_cost(
            |l| &l.front_door,
            month,
            [0.0; N],
            c.front_door_cost_per_month,
        );
        if any(front_door_pulled) {
            *investment = investment.plus_where(front_door_pulled, front_door_cost);
        }
        let early_help_cut = Lanes::from_fn(|i| {
            if self.twin[i] {
                0.0
            } else {
                early_help_cut(self.scenarios[i], month)
            }
        });
        *investment += self.lever(|l| &l.early_help, month, [0.0; N]).max(zero) / 12.0;
        let expected_entries =
            c.entries_per_month * trend * (1.0 - front_door) * (1.0 - early_help_cut);
        let entries = Lanes::from_fn(|i| randomness[i].entries(expected_entries.0[i]).max(0.0));

        let residential_10_plus =
            (self.lever(|l| &l.residential_share, month, c.residential_neutral) / 100.0)
                .map(|share| share.clamp(0.0, 1.0));
        let (residential_share_pulled, residential_share_cost) = self.running_cost(
            |l| &l.residential_share,
            month,
            c.residential_neutral,
            c.residential_share_cost_per_month,
        );
        if any(residential_share_pulled) {
            *investment = investment.plus_where(residential_share_pulled, residential_share_cost);
        }
        let mut foster_entries = [zero; AGE_BANDS];
        let mut entries_placed = zero;
        for b in AgeBand::ALL {
            let i = b as usize;
            let band_entries = entries * c.age_share[i];
            let residential_share = if b.is_ten_plus() {
                residential_10_plus
            } else {
                c.residential_under_10
            };
            let residential = band_entries * residential_share;
            let rest = band_entries - residential;
            let [foster, kinship, supported, with_parents] =
                c.first_placement[i].map(|share| rest * share);
            self.stock[RESIDENTIAL][i] += residential;
            self.stock[KINSHIP][i] += kinship;
            self.stock[SUPPORTED][i] += supported;
            self.stock[WITH_PARENTS][i] += with_parents;
            foster_entries[i] = foster;
            entries_placed += residential + kinship + supported + with_parents + foster;
        }
        let foster_total = row_total(&foster_entries);
        place_in_foster(
            &mut self.stock,
            capacity,
            &foster_entries,
            foster_total,
            [u64::MAX; N],
        );
        entries_placed
    }

    /// Phase 7: In-house and agency foster care rebalanced: children move to in-house carers as room
    /// appears, and to agencies if carers leave.
    #[inline(always)]
    fn rebalance_foster(&mut self, capacity: Lanes<N>) {
        let zero = Lanes::splat(0.0);
        let in_house = row_total(&self.stock[IN_HOUSE]);
        let ifa = row_total(&self.stock[IFA]);
        let room = capacity - in_house;
        // Carers left: the children they looked after move to agencies.
        let over = and(in_house.gt(capacity), in_house.gt(zero));
        // Room: children move from agencies to in-house carers.
        let under: Mask<N> =
            std::array::from_fn(|i| yes_if(over[i] == 0 && ifa.0[i] > 0.0 && room.0[i] > 0.0));
        if any(over) || any(under) {
            let to_agencies = (in_house - capacity) / in_house;
            let to_in_house = (room / ifa).min(Lanes::splat(1.0));
            for b in 0..AGE_BANDS {
                let (ours, theirs) = (self.stock[IN_HOUSE][b], self.stock[IFA][b]);
                let out = ours * to_agencies;
                let back = theirs * to_in_house;
                self.stock[IN_HOUSE][b] =
                    Lanes::select(over, ours - out, Lanes::select(under, ours + back, ours));
                self.stock[IFA][b] = Lanes::select(
                    over,
                    theirs + out,
                    Lanes::select(under, theirs - back, theirs),
                );
            }
        }
    }

    /// Phase 8: Unaccompanied asylum-seeking children, if counted apart: leaving, ageing, arrivals.
    #[inline(always)]
    fn unaccompanied<R: Randomness>(
        &mut self,
        growth: [Growth; N],
        randomness: &mut [&mut R; N],
    ) -> UnaccompaniedMonth<N> {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let uasc_opening = self.uasc_total;
        let (mut uasc_arrivals, mut uasc_exits) = (zero, zero);
        if self.counts_uasc {
            let mut after = [zero; AGE_BANDS];
            for b in 0..AGE_BANDS {
                let count = self.uasc[b];
                let leaving = Lanes::from_fn(|i| {
                    let count = count.0[i];
                    if count > 0.0 {
                        randomness[i]
                            .leavers(count, c.uasc_leaving_share.0[i])
                            .clamp(0.0, count)
                    } else {
                        0.0
                    }
                });
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
            let expected = c.uasc_arrivals_per_month * Lanes::from_fn(|i| growth[i].uasc_arrivals);
            uasc_arrivals = Lanes::from_fn(|i| {
                if expected.0[i] > 0.0 {
                    randomness[i].entries(expected.0[i]).max(0.0)
                } else {
                    0.0
                }
            });
            for (count, share) in after.iter_mut().zip(c.uasc_arrival_share) {
                *count += uasc_arrivals * share;
            }
            self.uasc = after;
        }
        let uasc_closing = row_total(&self.uasc);
        self.uasc_total = uasc_closing;
        UnaccompaniedMonth {
            opening: uasc_opening,
            closing: uasc_closing,
            arrivals: uasc_arrivals,
            exits: uasc_exits,
        }
    }

    /// Phase 9: Spend: the month's average of opening and closing placements × weekly cost × weeks ×
    /// the price index; UASC at their own cost less the grant. Closes the month.
    #[inline(always)]
    fn spend(
        &mut self,
        month: Month,
        opening: [Lanes<N>; PLACEMENTS],
        flows: Flows<N>,
    ) -> [RunMonth; N] {
        let zero = Lanes::splat(0.0);
        let c = &self.constants;
        let Flows {
            entries_placed,
            exits,
            investment,
            capacity,
            uasc:
                UnaccompaniedMonth {
                    opening: uasc_opening,
                    closing: uasc_closing,
                    arrivals: uasc_arrivals,
                    exits: uasc_exits,
                },
        } = flows;
        let closing: [Lanes<N>; PLACEMENTS] = std::array::from_fn(|p| row_total(&self.stock[p]));
        self.stock_totals = closing;
        let mut weekly = zero;
        for p in 0..PLACEMENTS {
            let average = (opening[p] + closing[p]) / 2.0;
            weekly += average * c.weekly_gbp[p];
        }
        let weeks = month.weeks();
        let spend = weekly * weeks * self.price_index;
        let (uasc_gross, uasc_grant) = if self.counts_uasc {
            let average = (uasc_opening + uasc_closing) / 2.0;
            (
                average * c.uasc_weekly_gbp * weeks * self.price_index,
                average * c.uasc_grant_gbp_per_week * weeks,
            )
        } else {
            (zero, zero)
        };
        let spend = spend + uasc_gross - uasc_grant;

        std::array::from_fn(|i| {
            let lane = |totals: &[Lanes<N>; PLACEMENTS]| {
                let mut by_placement = ByPlacement::splat(0.0);
                for p in PlacementType::ALL {
                    by_placement[p] = totals[p as usize].0[i];
                }
                by_placement
            };
            let by_placement = lane(&closing);
            RunMonth {
                month,
                looked_after: by_placement.total() + uasc_closing.0[i],
                uasc_looked_after: uasc_closing.0[i],
                by_placement,
                opening_looked_after: lane(&opening).total() + uasc_opening.0[i],
                entries: entries_placed.0[i] + uasc_arrivals.0[i],
                exits: exits.0[i] + uasc_exits.0[i],
                spend_gbp: spend.0[i],
                uasc_gross_spend_gbp: uasc_gross.0[i],
                uasc_grant_gbp: uasc_grant.0[i],
                investment_gbp: investment.0[i],
                in_house_capacity: capacity.0[i],
                price_index: self.price_index.0[i],
            }
        })
    }
}

/// What phase 8 ([`Engine::unaccompanied`]) leaves for the month's figures.
#[derive(Clone, Copy)]
struct UnaccompaniedMonth<const N: usize> {
    opening: Lanes<N>,
    closing: Lanes<N>,
    arrivals: Lanes<N>,
    exits: Lanes<N>,
}

/// The month's flows, carried from the phases to the spend (phase 9).
#[derive(Clone, Copy)]
struct Flows<const N: usize> {
    entries_placed: Lanes<N>,
    exits: Lanes<N>,
    investment: Lanes<N>,
    capacity: Lanes<N>,
    uasc: UnaccompaniedMonth<N>,
}

/// Share of entries cut by early help in `month`, from the investment in force `lag` earlier.
fn early_help_cut(scenario: &Scenario, month: Month) -> f64 {
    let lever = &scenario.levers.early_help;
    let a = &lever.assumptions;
    let invested = lever
        .effective(month.plus_months(-i64::from(a.lag_months)), 0.0)
        .max(0.0);
    a.entry_cut(invested)
}

/// Places children needing foster care, in the lanes `placing` with some to place: in-house
/// while there is room (`capacity` less the children already with in-house carers), then IFA,
/// keeping each age band's share.
#[inline(always)]
fn place_in_foster<const N: usize>(
    stock: &mut Grid<N>,
    capacity: Lanes<N>,
    children: &[Lanes<N>; AGE_BANDS],
    total: Lanes<N>,
    placing: Mask<N>,
) {
    // As the scalar engine's "nothing to place" return: `!(total <= 0)`, so that a total that
    // is not a number is placed (and shows) rather than dropped.
    let placing: Mask<N> = std::array::from_fn(|i| {
        let nothing_to_place = total.0[i] <= 0.0;
        placing[i] & yes_if(!nothing_to_place)
    });
    if !any(placing) {
        return;
    }
    let room = (capacity - row_total(&stock[IN_HOUSE])).max(Lanes::splat(0.0));
    let in_house_share = (room / total).min(Lanes::splat(1.0));
    for (i, &count) in children.iter().enumerate() {
        let to_in_house = count * in_house_share;
        stock[IN_HOUSE][i] = stock[IN_HOUSE][i].plus_where(placing, to_in_house);
        stock[IFA][i] = stock[IFA][i].plus_where(placing, count - to_in_house);
    }
}

/// For tests of the lanes: Norfolk 2014 and Kent (which counts unaccompanied children apart,
/// so their own exits and arrivals run in each lane), with five levers pulled.
#[cfg(test)]
pub(crate) fn norfolk_and_kent_with_levers_pulled() -> [Scenario; 2] {
    let norfolk = crate::io::scenario_file::norfolk_2014().unwrap_or_else(|e| panic!("{e}"));
    let kent = crate::io::councils::scenario_for_council("Kent", None)
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario;
    assert!(
        kent.uasc.is_some(),
        "Kent counts unaccompanied children apart"
    );
    [norfolk, kent].map(|mut scenario| {
        let levers = &mut scenario.levers;
        levers.early_help.value = 3_000_000.0;
        levers.front_door.value = 20.0;
        levers.step_down_17.value = 30.0;
        levers.permanence.value = 40.0;
        levers.residential_step_down.value = 10.0;
        scenario
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain build of the engine (what a processor without AVX2 runs) gives the same bits
    /// as the path this machine takes, lane by lane.
    #[test]
    fn every_instruction_set_gives_the_same_figures() {
        for mut scenario in norfolk_and_kent_with_levers_pulled() {
            scenario.horizon_years = 10;
            same_figures_plain_and_fastest(&scenario);
        }
    }

    fn same_figures_plain_and_fastest(scenario: &Scenario) {
        let (ours, theirs) = run_pair(scenario);
        let (plain_ours, plain_theirs) = run_pair_plain(scenario, &mut Expected, &mut Expected);
        assert_eq!(ours, plain_ours);
        assert_eq!(theirs, plain_theirs);
        let mut lanes: [Vec<RunMonth>; 4] = Default::default();
        run_lanes_plain(
            [scenario; 4],
            [false, true, false, true],
            [&mut Expected, &mut Expected, &mut Expected, &mut Expected],
            |months| {
                for (lane, month) in lanes.iter_mut().zip(months) {
                    lane.push(month);
                }
            },
        );
        let bits = |months: &[RunMonth]| {
            months
                .iter()
                .map(|m| {
                    (
                        m.looked_after.to_bits(),
                        m.spend_gbp.to_bits(),
                        m.exits.to_bits(),
                    )
                })
                .collect::<Vec<_>>()
        };
        for (k, lane) in lanes.iter().enumerate() {
            let expected = if k % 2 == 0 { &ours } else { &theirs };
            assert_eq!(bits(lane), bits(expected), "lane {k}");
        }
    }

    #[test]
    fn yearly_percent_compounds_to_the_same_over_twelve_months() {
        let monthly = monthly_share_from_yearly_percent(10.0);
        let kept = (1.0 - monthly).powi(12);
        assert!((kept - 0.9).abs() < 1e-12);
    }
}
