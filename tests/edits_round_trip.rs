//! Every scenario the window can make saves and loads again: random sequences of the edits the
//! window makes (every lever and its timing, every assumption, horizon, start month, target,
//! name), through the same `Scenario::apply` the window uses, then save, then load.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::scenario_file;
use care_levers::model::scenario::edit::ExitRoute;
use care_levers::model::{
    AgeBand, Edit, FinancialYear, LeverKind, Month, NumberField, PlacementType, Target,
};
use proptest::prelude::*;

fn lever() -> impl Strategy<Value = LeverKind> {
    prop::sample::select(LeverKind::ALL.to_vec())
}

/// Months from well before the supported years to well after them: the edits must cope.
fn month() -> impl Strategy<Value = Month> {
    (-240i64..=1500).prop_map(|offset| Month::new(2000, 1).unwrap().plus_months(offset))
}

/// Any number, including the awkward ones a drag or a typed value could give.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e12..1e12f64,
        0.0..100.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-0.0),
    ]
}

fn number_field() -> impl Strategy<Value = NumberField> {
    let placement = prop::sample::select(PlacementType::ALL.to_vec());
    let band = prop::sample::select(AgeBand::ALL.to_vec());
    let route = prop::sample::select(ExitRoute::ALL.to_vec());
    let year = prop::sample::select(vec![
        FinancialYear::starting(2014),
        FinancialYear::starting(2015),
        FinancialYear::starting(2016),
    ]);
    prop_oneof![
        placement.prop_map(NumberField::WeeklyCost),
        Just(NumberField::Inflation),
        year.prop_map(NumberField::Budget),
        Just(NumberField::BudgetGrowth),
        Just(NumberField::EntriesPerYear),
        Just(NumberField::DemandTrend),
        Just(NumberField::ResidentialShare10Plus),
        (route, band).prop_map(|(r, b)| NumberField::Exit(r, b)),
        Just(NumberField::InHouseHouseholds),
        Just(NumberField::ChildrenPerHousehold),
        Just(NumberField::Attrition),
        Just(NumberField::Recruits),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (lever(), number()).prop_map(|(k, v)| Edit::LeverValue(k, v)),
        lever().prop_map(Edit::ResetLever),
        (lever(), month()).prop_map(|(k, m)| Edit::LeverStart(k, m)),
        (lever(), 0u32..500).prop_map(|(k, r)| Edit::LeverRamp(k, r)),
        (lever(), prop::option::of(month())).prop_map(|(k, m)| Edit::LeverEnd(k, m)),
        (number_field(), number()).prop_map(|(f, v)| Edit::Number(f, v)),
        month().prop_map(Edit::StartMonth),
        (0u32..30).prop_map(Edit::Horizon),
        prop::option::of((number(), month())).prop_map(|t| Edit::Target(t.map(
            |(looked_after, month)| Target {
                looked_after,
                month
            }
        ))),
        ".{0,40}".prop_map(Edit::Name),
        ".{0,40}".prop_map(Edit::Author),
        "(.|\n){0,80}".prop_map(Edit::Description),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_edited_scenario_saves_and_loads_the_same(edits in prop::collection::vec(edit(), 1..25)) {
        let mut scenario = scenario_file::norfolk_2014().unwrap();
        for edit in edits {
            scenario.apply(edit);
            prop_assert!(scenario.validate().is_ok(), "{:?}", scenario.validate());
        }
        let text = scenario_file::to_text(&scenario).unwrap();
        let loaded = scenario_file::parse(&text, "edited.ron").unwrap();
        prop_assert_eq!(loaded.scenario, scenario);
    }
}

#[test]
fn the_edits_that_once_made_unreadable_files_now_save_and_load() {
    let mut scenario = scenario_file::norfolk_2014().unwrap();
    scenario.apply(Edit::Horizon(2));
    scenario.apply(Edit::LeverEnd(
        LeverKind::EarlyHelp,
        Some(scenario.end_month()),
    ));
    scenario.apply(Edit::LeverStart(
        LeverKind::EarlyHelp,
        scenario.end_month().plus_months(30),
    ));
    scenario.apply(Edit::StartMonth(Month::new(2100, 12).unwrap()));
    let text = scenario_file::to_text(&scenario).unwrap();
    assert_eq!(
        scenario_file::parse(&text, "t.ron").unwrap().scenario,
        scenario
    );
}
