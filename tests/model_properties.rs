//! Property tests of the projection engine over random lever settings within their ranges.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::scenario_file;
use care_levers::model::{
    FinancialYear, LeverKind, Month, Payback, PlacementType, Scenario, project, run,
};
use proptest::prelude::*;

fn norfolk() -> Scenario {
    scenario_file::norfolk_2014().expect("the built-in scenario loads")
}

/// Value, start offset (months from the scenario start), ramp and optional end offset for one lever.
fn lever_setting(kind: LeverKind) -> impl Strategy<Value = (f64, i64, u32, Option<i64>)> {
    let spec = kind.spec();
    (
        spec.min..=spec.max,
        0i64..48,
        0u32..24,
        proptest::option::of(0i64..60),
    )
}

fn scenario_with_levers() -> impl Strategy<Value = Scenario> {
    let settings: Vec<_> = LeverKind::ALL.iter().map(|&k| lever_setting(k)).collect();
    (settings, 1u32..=10).prop_map(|(settings, horizon)| {
        let mut scenario = norfolk();
        scenario.horizon_years = horizon;
        scenario.target = None;
        apply(&mut scenario, &settings);
        scenario
    })
}

fn apply(scenario: &mut Scenario, settings: &[(f64, i64, u32, Option<i64>)]) {
    let start = scenario.start_month;
    for (&kind, &(value, start_offset, ramp, end_offset)) in LeverKind::ALL.iter().zip(settings) {
        let lever = scenario.levers.timing_mut(kind);
        *lever.value = value;
        *lever.start = start.plus_months(start_offset);
        *lever.ramp_months = ramp;
        *lever.end = end_offset.map(|e| start.plus_months(start_offset + e));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_stock_is_ever_negative_or_nan(scenario in scenario_with_levers()) {
        prop_assert!(scenario.validate().is_ok());
        let projection = project(&scenario);
        prop_assert_eq!(projection.months.len(), scenario.horizon_months());
        for m in &projection.months {
            for p in PlacementType::ALL {
                prop_assert!(m.by_placement[p].is_finite() && m.by_placement[p] >= 0.0,
                    "{} {:?} = {}", m.month, p, m.by_placement[p]);
                prop_assert!(m.baseline_by_placement[p].is_finite() && m.baseline_by_placement[p] >= 0.0);
            }
            prop_assert!(m.spend_gbp.is_finite() && m.spend_gbp >= 0.0);
            prop_assert!(m.investment_gbp.is_finite() && m.investment_gbp >= 0.0);
            prop_assert!(m.in_house_capacity.is_finite() && m.in_house_capacity >= 0.0);
        }
    }

    #[test]
    fn opening_plus_entries_minus_exits_is_closing(scenario in scenario_with_levers()) {
        let months = run(&scenario);
        let mut previous_closing = scenario.opening_looked_after_total();
        for m in &months {
            prop_assert!((m.opening_looked_after - previous_closing).abs() < 1e-9);
            let balance = m.opening_looked_after + m.entries - m.exits - m.looked_after;
            prop_assert!(balance.abs() < 1e-8, "{}: out by {}", m.month, balance);
            prop_assert!(m.entries >= 0.0 && m.exits >= 0.0);
            previous_closing = m.looked_after;
        }
    }

    #[test]
    fn neutral_levers_give_exactly_the_twin(
        settings in LeverKind::ALL.iter().map(|&k| lever_setting(k)).collect::<Vec<_>>()
    ) {
        let mut scenario = norfolk();
        scenario.horizon_years = 10;
        scenario.target = None;
        apply(&mut scenario, &settings);
        // Back to neutral values, keeping the random timings.
        for kind in LeverKind::ALL {
            let neutral = kind.neutral(&scenario);
            *scenario.levers.timing_mut(kind).value = neutral;
        }
        let projection = project(&scenario);
        for m in &projection.months {
            prop_assert_eq!(m.looked_after, m.baseline_looked_after);
            prop_assert_eq!(m.by_placement, m.baseline_by_placement);
            prop_assert_eq!(m.spend_gbp, m.baseline_spend_gbp);
            prop_assert_eq!(m.investment_gbp, 0.0);
        }
        prop_assert_eq!(projection.payback, Payback::NoInvestment);
    }

    #[test]
    fn more_early_help_never_means_more_children_in_care(
        scenario in scenario_with_levers(),
        lower in 0.0f64..=20_000_000.0,
        extra in 0.0f64..=20_000_000.0,
    ) {
        let higher = (lower + extra).min(LeverKind::EarlyHelp.spec().max);
        let mut less = scenario.clone();
        less.levers.early_help.value = lower;
        let mut more = scenario;
        more.levers.early_help.value = higher;
        let with_less = run(&less);
        let with_more = run(&more);
        for (a, b) in with_less.iter().zip(&with_more) {
            prop_assert!(b.looked_after <= a.looked_after + 1e-9,
                "{}: £{} a year gives {} but £{} gives {}", a.month, lower, a.looked_after, higher, b.looked_after);
        }
    }

    #[test]
    fn spend_is_placements_times_weekly_cost_with_inflation(scenario in scenario_with_levers()) {
        let months = run(&scenario);
        let mut opening = scenario.opening_looked_after_by_placement();
        let mut expected_index = 1.0;
        for (i, m) in months.iter().enumerate() {
            if i > 0 && m.month.month == 4 {
                expected_index *= 1.0 + scenario.costs.inflation_percent_per_year / 100.0;
            }
            prop_assert!((m.price_index - expected_index).abs() < 1e-12);
            let mut expected = 0.0;
            for p in PlacementType::ALL {
                let average = (opening[p] + m.by_placement[p]) / 2.0;
                expected += average * scenario.costs.weekly_gbp[p] * expected_index * f64::from(m.month.days()) / 7.0;
            }
            prop_assert!((m.spend_gbp - expected).abs() <= 1e-9 * expected.max(1.0));
            opening = m.by_placement;
        }
    }
}

trait OpeningTotals {
    fn opening_looked_after_total(&self) -> f64;
    fn opening_looked_after_by_placement(&self) -> care_levers::model::ByPlacement<f64>;
}

impl OpeningTotals for Scenario {
    fn opening_looked_after_total(&self) -> f64 {
        PlacementType::ALL
            .iter()
            .map(|&p| self.opening_looked_after[p].total())
            .sum()
    }
    fn opening_looked_after_by_placement(&self) -> care_levers::model::ByPlacement<f64> {
        let mut totals = care_levers::model::ByPlacement::splat(0.0);
        for p in PlacementType::ALL {
            totals[p] = self.opening_looked_after[p].total();
        }
        totals
    }
}

#[test]
fn a_lever_ramps_from_its_start_and_stops_after_its_end() {
    let mut scenario = norfolk();
    let lever = &mut scenario.levers.front_door;
    lever.value = 20.0;
    lever.start = "2015-01".parse().unwrap();
    lever.ramp_months = 4;
    lever.end = Some("2015-12".parse().unwrap());
    let at = |text: &str| lever.effective(text.parse::<Month>().unwrap(), 0.0);
    assert_eq!(at("2014-12"), 0.0);
    assert_eq!(at("2015-01"), 5.0);
    assert_eq!(at("2015-02"), 10.0);
    assert_eq!(at("2015-04"), 20.0);
    assert_eq!(at("2015-12"), 20.0);
    assert_eq!(at("2016-01"), 0.0);
}

#[test]
fn budget_carries_forward_and_grows_after_the_last_listed_year() {
    let mut scenario = norfolk();
    scenario.budget.by_financial_year_gbp.clear();
    scenario
        .budget
        .by_financial_year_gbp
        .insert(FinancialYear::starting(2015), 10e6);
    scenario.budget.growth_percent_per_year = 10.0;
    let b = &scenario.budget;
    assert_eq!(b.for_year(FinancialYear::starting(2014)), Some(10e6));
    assert_eq!(b.for_year(FinancialYear::starting(2015)), Some(10e6));
    assert!((b.for_year(FinancialYear::starting(2017)).unwrap() - 12.1e6).abs() < 1e-6);
}

#[test]
fn with_no_budget_entered_there_is_no_overspend_and_entering_one_gives_it() {
    use care_levers::model::Edit;
    let mut scenario = norfolk();
    scenario.budget.by_financial_year_gbp.clear();
    let projection = project(&scenario);
    for year in &projection.years {
        assert_eq!(year.budget_gbp, None);
        assert_eq!(year.overspend_gbp, None);
        assert_eq!(year.baseline_overspend_gbp, None);
    }
    let first = FinancialYear::starting(2014);
    scenario.apply(Edit::Budget(first, Some(20e6)));
    let year = project(&scenario).years[0].clone();
    assert_eq!(year.budget_gbp, Some(20e6));
    assert_eq!(year.overspend_gbp, Some(year.spend_gbp - 20e6));
    scenario.apply(Edit::Budget(first, None));
    assert!(!scenario.budget.is_entered());
    assert_eq!(project(&scenario).years[0].overspend_gbp, None);
    // No chance of overspending a budget that is not there.
    let bands = care_levers::model::monte_carlo(&scenario, 20, 1, 1);
    assert!(bands.overspend_probability.is_empty());
}

#[test]
fn part_years_get_part_of_their_budget() {
    let mut scenario = norfolk();
    scenario.start_month = "2014-10".parse().unwrap();
    scenario.target = None;
    for kind in LeverKind::ALL {
        *scenario.levers.timing_mut(kind).start = scenario.start_month;
    }
    let projection = project(&scenario);
    let first = &projection.years[0];
    assert_eq!(first.financial_year.to_string(), "2014-15");
    assert_eq!(first.months_covered, 6);
    assert_eq!(first.budget_gbp, Some(24.5e6 / 2.0));
    let last = projection.years.last().unwrap();
    assert_eq!(last.months_covered, 6);
    assert_eq!(projection.years.len(), 4);
}

#[test]
fn payback_is_when_cumulative_net_saving_stops_being_negative() {
    let mut scenario = norfolk();
    scenario.horizon_years = 10;
    scenario.levers.early_help.value = 3_000_000.0;
    let projection = project(&scenario);
    let Payback::InMonth(month) = projection.payback else {
        panic!(
            "expected payback within ten years, got {:?}",
            projection.payback
        );
    };
    let paid_back = projection.month(month).unwrap();
    assert!(paid_back.cumulative_net_saving_gbp >= 0.0);
    let before = projection.month(month.plus_months(-1)).unwrap();
    assert!(before.cumulative_net_saving_gbp < 0.0);
    // A lever that only costs money never pays back.
    let mut costly = norfolk();
    costly.levers.early_help.value = 5_000_000.0;
    costly
        .levers
        .early_help
        .assumptions
        .max_entry_reduction_percent = 0.0;
    assert_eq!(project(&costly).payback, Payback::NotWithinHorizon);
}

#[test]
fn recruitment_moves_children_from_agencies_to_in_house_carers() {
    let mut scenario = norfolk();
    scenario.levers.foster_recruitment.value = 60.0;
    let projection = project(&scenario);
    let end = projection.last_month().unwrap();
    assert!(end.by_placement.ifa < end.baseline_by_placement.ifa);
    assert!(end.by_placement.in_house_foster > end.baseline_by_placement.in_house_foster);
    assert!(end.in_house_capacity > end.baseline_in_house_capacity);
    // Moving children between foster placements does not change how many are in care.
    assert!((end.looked_after - end.baseline_looked_after).abs() < 1e-6);
    assert!(end.spend_gbp < end.baseline_spend_gbp);
}

/// The same council `k` times larger: every count, flow, capacity, budget and money lever ×k;
/// prices, percentages and rates unchanged.
fn scaled(scenario: &Scenario, k: f64) -> Scenario {
    let mut s = scenario.clone();
    for p in PlacementType::ALL {
        for b in care_levers::model::AgeBand::ALL {
            s.opening_looked_after[p][b] *= k;
        }
    }
    s.entries.per_year *= k;
    s.fostering.in_house_households *= k;
    s.fostering.recruits_per_year *= k;
    for amount in s.budget.by_financial_year_gbp.values_mut() {
        *amount *= k;
    }
    let levers = &mut s.levers;
    levers.early_help.value *= k;
    levers.early_help.assumptions.families_at_half_effect *= k;
    levers.front_door.assumptions.annual_cost_gbp *= k;
    levers.residential_share.assumptions.annual_cost_gbp *= k;
    levers.foster_recruitment.value *= k;
    levers.permanence.value *= k;
    if let Some(uasc) = s.uasc.as_mut() {
        for b in care_levers::model::AgeBand::ALL {
            uasc.opening[b] *= k;
        }
        uasc.arrivals_per_year *= k;
    }
    s
}

/// Unaccompanied asylum-seeking children counted apart, as a council fit sets them.
fn with_uasc(mut s: Scenario) -> Scenario {
    use care_levers::model::scenario::Uasc;
    use care_levers::model::{AgeBand, ByAgeBand, Range};
    let mut opening = ByAgeBand::splat(0.0);
    opening[AgeBand::Age10To15] = 6.0;
    opening[AgeBand::Age16] = 14.0;
    opening[AgeBand::Age17] = 20.0;
    let mut arrival_age_percent = ByAgeBand::splat(0.0);
    arrival_age_percent[AgeBand::Age10To15] = 25.0;
    arrival_age_percent[AgeBand::Age16] = 45.0;
    arrival_age_percent[AgeBand::Age17] = 30.0;
    s.uasc = Some(Uasc {
        opening,
        arrivals_per_year: 30.0,
        arrivals_trend_percent_per_year: 2.0,
        arrival_age_percent,
        leaving_percent_per_month: 1.0,
        weekly_cost_gbp: 900.0,
        grant_gbp_per_week: 798.0,
        arrivals_change_percent: Range::new(-50.0, 100.0),
    });
    s
}

/// The council opening two homes of four beds three months in (registered six months later,
/// filling over six more) and buying six beds on a block contract from its second year.
fn with_price_levers(mut s: Scenario) -> Scenario {
    use care_levers::model::council_homes::HomesPlan;
    use care_levers::model::scenario::{BlockContract, ChildrenFrom, CouncilHomes};
    s.price_levers.council_homes = Some(CouncilHomes {
        start: s.start_month.plus_months(3),
        children_from: ChildrenFrom::PrivateResidential,
        plan: HomesPlan {
            homes: 2,
            beds_per_home: 4,
            capital_per_home_gbp: 1_200_000.0,
            months_to_registration: 6,
            ramp_months: 6,
            steady_occupancy_percent: 80.0,
            running_cost_per_home_gbp_per_year: 950_000.0,
            external_fee_gbp_per_week: 5_500.0,
            borrowing_rate_percent: 4.5,
            repayment_years: 25,
        },
        occupancy_range_percent: CouncilHomes::default_occupancy_range(80.0),
        registration_delay_months: CouncilHomes::DEFAULT_REGISTRATION_DELAY,
    });
    s.price_levers.block_contract = Some(BlockContract {
        start: s.start_month.plus_months(12),
        years: 3,
        beds: 6.0,
        discount_percent: 12.0,
        filled_percent: 85.0,
        filled_range_percent: None,
    });
    // External prices held to 1% a year from the second year, agencies too.
    s.price_levers.price_cap = Some(care_levers::model::scenario::PriceCap {
        from: s.start_month.financial_year().next(),
        max_growth_percent_per_year: 1.0,
        residential_external_percent: 78.0,
        agency_fostering: true,
    });
    s
}

fn close(scaled: f64, original: f64, k: f64) -> bool {
    (scaled - k * original).abs() <= 1e-9 * (k * original).abs().max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn a_council_k_times_larger_projects_k_times_the_children_and_the_spend(
        scenario in scenario_with_levers(),
        k in 0.02f64..20.0,
        uasc in proptest::bool::ANY,
    ) {
        let scenario = if uasc { with_uasc(scenario) } else { scenario };
        prop_assert!(scenario.validate().is_ok());
        let original = project(&scenario);
        let larger = project(&scaled(&scenario, k));
        for (big, small) in larger.months.iter().zip(&original.months) {
            prop_assert!(close(big.looked_after, small.looked_after, k),
                "{}: {} vs {} × {k}", big.month, big.looked_after, small.looked_after);
            prop_assert!(close(big.entries, small.entries, k), "{}", big.month);
            prop_assert!(close(big.spend_gbp, small.spend_gbp, k), "{}", big.month);
            prop_assert!(close(big.investment_gbp, small.investment_gbp, k), "{}", big.month);
            prop_assert!(close(big.baseline_spend_gbp, small.baseline_spend_gbp, k), "{}", big.month);
        }
    }

    /// The same with the price levers pulled: k times the homes and the block beds (k whole, as
    /// homes are) gives k times the spend, the capital and the beds filled.
    #[test]
    fn a_council_k_times_larger_with_price_levers_spends_k_times(
        scenario in scenario_with_levers(),
        k in 1u32..=12,
    ) {
        let scenario = with_price_levers(scenario);
        prop_assert!(scenario.validate().is_ok());
        let mut larger = scaled(&scenario, f64::from(k));
        if let Some(homes) = larger.price_levers.council_homes.as_mut() {
            homes.plan.homes *= k;
        }
        if let Some(block) = larger.price_levers.block_contract.as_mut() {
            block.beds *= f64::from(k);
        }
        let (original, larger) = (project(&scenario), project(&larger));
        let k = f64::from(k);
        let mut filled = 0.0;
        for (big, small) in larger.months.iter().zip(&original.months) {
            prop_assert!(close(big.spend_gbp, small.spend_gbp, k), "{}", big.month);
            prop_assert!(close(big.baseline_spend_gbp, small.baseline_spend_gbp, k), "{}", big.month);
            let (b, s) = (&big.price_levers, &small.price_levers);
            prop_assert!(close(b.home_capital_spend_gbp, s.home_capital_spend_gbp, k));
            prop_assert!(close(b.home_beds_filled, s.home_beds_filled, k), "{}", big.month);
            prop_assert!(close(b.block_beds_filled, s.block_beds_filled, k), "{}", big.month);
            prop_assert!(close(b.spend_change_gbp(), s.spend_change_gbp(), k), "{}", big.month);
            filled += s.home_beds_filled + s.block_beds_filled;
        }
        // The levers did something.
        prop_assert!(filled > 0.0);
    }
}

/// Price growth by placement type: the same figures as one inflation rate when every type grows
/// at it, and a type that grows faster costs that much more each April after the start.
#[test]
fn prices_grow_by_type_each_april() {
    let plan = care_levers::io::scenario_file::norfolk_2014().unwrap();
    let one_rate = care_levers::model::project(&plan);
    let mut by_type = plan.clone();
    let inflation = plan.costs.inflation_percent_per_year;
    by_type.costs.price_growth_percent_per_year =
        Some(care_levers::model::ByPlacement::splat(inflation));
    let same = care_levers::model::project(&by_type);
    for (a, b) in one_rate.months.iter().zip(&same.months) {
        assert!((a.spend_gbp - b.spend_gbp).abs() <= 1e-6 * a.spend_gbp.abs().max(1.0));
    }
    // Residential 10% a year, nothing else rising: only residential spend moves, by 10% a
    // year, from the first April after the start.
    let mut growth = care_levers::model::ByPlacement::splat(0.0);
    growth[care_levers::model::PlacementType::Residential] = 10.0;
    let mut flat = plan.clone();
    flat.costs.price_growth_percent_per_year = Some(care_levers::model::ByPlacement::splat(0.0));
    let mut dearer = plan.clone();
    dearer.costs.price_growth_percent_per_year = Some(growth);
    let (flat, dearer) = (
        care_levers::model::project(&flat),
        care_levers::model::project(&dearer),
    );
    let residential_spend = |m: &care_levers::model::MonthFigures| {
        let weekly = plan.costs.weekly_gbp[care_levers::model::PlacementType::Residential];
        m.by_placement[care_levers::model::PlacementType::Residential] * weekly
    };
    for (f, d) in flat.months.iter().zip(&dearer.months) {
        let extra = d.spend_gbp - f.spend_gbp;
        let years = (f.month.months_since(plan.start_month) / 12) as i32;
        if years == 0 {
            assert!(extra.abs() < 1e-6, "{}", f.month);
        } else {
            // About 10% a year more on the month's residential spend (the month's average of
            // opening and closing children, so within a few %).
            let expected = residential_spend(f) * f.month.weeks() * (1.1f64.powi(years) - 1.0);
            assert!(
                (extra / expected - 1.0).abs() < 0.05,
                "{}: {extra} vs {expected}",
                f.month
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Each year's change in spend is volume + mix + price + grant, to the penny, whatever the
    /// levers, the price growth by type, the placement moves and the UASC (docs/model.md 3.6).
    #[test]
    fn volume_mix_price_and_grant_add_up_to_the_change_in_spend(
        scenario in scenario_with_levers(),
        uasc in proptest::bool::ANY,
        growth in proptest::option::of(proptest::array::uniform6(-5.0f64..20.0)),
        moves in (-40.0f64..40.0, -40.0f64..40.0),
        start in 1u32..=12,
        price_levers in proptest::bool::ANY,
    ) {
        let scenario = if uasc { with_uasc(scenario) } else { scenario };
        let mut scenario = if price_levers { with_price_levers(scenario) } else { scenario };
        scenario.start_month = Month::new(2014, start).unwrap();
        scenario.costs.price_growth_percent_per_year = growth.map(|g| {
            let mut by = care_levers::model::ByPlacement::splat(0.0);
            for (p, g) in PlacementType::ALL.into_iter().zip(g) {
                by[p] = g;
            }
            by
        });
        scenario.placement_moves.into_residential_percent_per_year = moves.0;
        scenario.placement_moves.into_supported_percent_per_year = moves.1;
        let projection = project(&scenario);
        let mut explained = 0;
        for pair in projection.years.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            let Some(change) = after.change else {
                prop_assert!(before.months_covered < 12 || after.months_covered < 12);
                continue;
            };
            explained += 1;
            let total = after.spend_gbp - before.spend_gbp;
            prop_assert_eq!(change.total_gbp, total);
            let parts = change.volume_gbp + change.mix_gbp + change.price_gbp + change.grant_gbp;
            prop_assert!((parts - total).abs() < 0.005,
                "{}: {parts} against {total}", after.financial_year);
            if !uasc {
                prop_assert_eq!(change.grant_gbp, 0.0);
            }
        }
        prop_assert_eq!(projection.years.first().and_then(|y| y.change), None);
        // Every year after the first whole one is explained.
        let whole = projection.years.iter().filter(|y| y.months_covered == 12).count();
        prop_assert!(explained + 1 >= whole, "{explained} of {whole}");
    }
}

/// With one placement type, no growth and the same number of children, nothing but price moves
/// spend; with prices flat and the number of children rising, nothing but volume.
#[test]
fn the_split_names_the_cause() {
    let mut scenario = norfolk();
    scenario.horizon_years = 3;
    scenario.costs.price_growth_percent_per_year = None;
    scenario.costs.inflation_percent_per_year = 10.0;
    let projection = project(&scenario);
    let change = projection.years[1].change.unwrap();
    // Prices rose 10%: the price term is about a tenth of last year's spend.
    let last_year = projection.years[0].spend_gbp;
    assert!(
        (change.price_gbp / last_year - 0.10).abs() < 0.02,
        "{change:?} on {last_year}"
    );
    scenario.costs.inflation_percent_per_year = 0.0;
    let flat = project(&scenario);
    let change = flat.years[1].change.unwrap();
    assert!(change.price_gbp.abs() < 1.0, "{change:?}");
    assert!(
        (change.volume_gbp + change.mix_gbp - change.total_gbp).abs() < 0.01,
        "{change:?}"
    );
}

/// The net saving at today's value: undiscounted it is the cash figure; at the Green Book's
/// 3.5% a plan whose savings come later is worth less than its cash.
#[test]
fn the_net_saving_at_todays_value_discounts_later_savings() {
    let plan = scenario_file::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("saved_scenarios/norfolk_2014_target_770.ron"),
    )
    .unwrap()
    .scenario;
    let projection = project(&plan);
    let cash = projection.total_net_saving_gbp();
    assert!(cash > 0.0);
    assert!((projection.net_present_value_gbp(0.0) - cash).abs() < 1e-6 * cash);
    let today = projection.net_present_value_gbp(3.5);
    assert!(today < cash && today > 0.8 * cash, "{today} against {cash}");
}

/// Step-down to specialist foster care (issue 31): breakdowns keep children in residential
/// care, the enhanced fee is paid for each child stepped down for its months, and retainers
/// while the lever acts; with none of them set, the lever is as it was.
#[test]
fn specialist_step_down_pays_an_enhanced_fee_and_some_moves_break_down() {
    let mut plain = norfolk();
    plain.levers.residential_step_down.value = 20.0;
    plain.levers.residential_step_down.ramp_months = 0;
    let base = project(&plain);
    let residential = |p: &care_levers::model::Projection| {
        p.months.last().unwrap().by_placement[PlacementType::Residential]
    };

    let mut breaking = plain.clone();
    breaking
        .levers
        .residential_step_down
        .assumptions
        .breakdown_percent = 50.0;
    let broken = project(&breaking);
    assert!(residential(&broken) > residential(&base));
    // The same moves attempted, the same one-off cost, in the first month.
    assert_eq!(
        broken.months[0].investment_gbp,
        base.months[0].investment_gbp
    );

    let mut specialist = plain.clone();
    let a = &mut specialist.levers.residential_step_down.assumptions;
    a.enhanced_fee_gbp_per_week = 500.0;
    a.enhanced_months = 12;
    a.retainer_gbp_per_year = 60_000.0;
    let paid = project(&specialist);
    // Volumes as before; the first month adds the month's moves × £500 × its weeks and £5,000
    // of retainers.
    assert_eq!(residential(&paid), residential(&base));
    let moved = base.months[0].investment_gbp
        / plain
            .levers
            .residential_step_down
            .assumptions
            .cost_per_child_gbp;
    let first = paid.months[0].investment_gbp - base.months[0].investment_gbp;
    let expected = moved * 500.0 * plain.start_month.weeks() + 5_000.0;
    assert!(
        (first - expected).abs() < 1e-6,
        "{first} against {expected}"
    );
    // After twelve months the first month's children come off the enhanced fee: month 13 pays
    // for months 2 to 13's moves only.
    let on_fee = |p: &care_levers::model::Projection, i: usize| {
        p.months[i].investment_gbp - base.months[i].investment_gbp - 5_000.0
    };
    let moves: Vec<f64> = base
        .months
        .iter()
        .map(|m| m.investment_gbp / 5_000.0)
        .collect();
    let month_13: f64 = moves[1..13].iter().sum();
    let weeks = plain.start_month.plus_months(12).weeks();
    assert!((on_fee(&paid, 12) - month_13 * 500.0 * weeks).abs() < 1e-6);
    assert!(paid.total_net_saving_gbp() < base.total_net_saving_gbp());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// A plan against another (the one a budget was set on): each year's difference in spend is
    /// volume + mix + price + grant, to the penny.
    #[test]
    fn a_plan_against_another_adds_up_by_cause(
        plan in scenario_with_levers(),
        uasc in proptest::bool::ANY,
        price_levers in proptest::bool::ANY,
    ) {
        let plan = if uasc { with_uasc(plan) } else { plan };
        let plan = if price_levers { with_price_levers(plan) } else { plan };
        let budget_plan = plan.do_nothing_twin();
        let (a, b) = (project(&budget_plan), project(&plan));
        let split = care_levers::model::bridge::between((&budget_plan, &a), (&plan, &b));
        prop_assert_eq!(split.len(), a.years.iter().filter(|y| y.months_covered == 12).count());
        for (year, change) in split {
            let total = b.year(year).unwrap().spend_gbp - a.year(year).unwrap().spend_gbp;
            prop_assert_eq!(change.total_gbp, total);
            let parts = change.volume_gbp + change.mix_gbp + change.price_gbp + change.grant_gbp;
            prop_assert!((parts - total).abs() < 0.005, "{year}: {parts} against {total}");
        }
    }
}
