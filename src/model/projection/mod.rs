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

//!
//! Files: `month.rs` (what a run gives, and chance), `engine.rs` (the engine's state and its
//! month), `phases.rs` (the nine phases); the entry points and the AVX2 dispatch are here.

mod engine;
mod month;
mod phases;

pub(crate) use engine::first_placement_shares;
pub use month::{Expected, Randomness, RunMonth};

use super::scenario::Scenario;
use engine::Engine;

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
    use super::engine::monthly_share_from_yearly_percent;
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
