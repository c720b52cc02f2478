//! Levers that fit every council and rest on published evidence (issue 19): the evidence
//! library, programmes on levers, the evidence check, the evidence-based version, file format
//! migration and the same relative effect in councils of any size.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::{overrides, scenario_file};
use care_levers::model::evidence::{
    Finding, Library, apply_programme, check, evidence_based_version,
};
use care_levers::model::monte_carlo::monte_carlo;
use care_levers::model::{CURRENT_VERSION, Delivery, LeverDelivery, LeverKind, Scenario, project};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn shipped(name: &str) -> Scenario {
    scenario_file::load(&path(&format!("saved_scenarios/{name}")))
        .unwrap()
        .scenario
}

fn library() -> &'static Library {
    Library::shipped().expect("the shipped library reads")
}

#[test]
fn every_library_entry_has_a_dated_linked_source_and_a_sound_range() {
    let library = library();
    assert!(library.programmes.len() >= 5, "a library of a few entries");
    let mut ids = BTreeSet::new();
    for programme in &library.programmes {
        let id = &programme.id;
        assert!(ids.insert(id.clone()), "{id} is listed twice");
        assert!(!programme.sources.is_empty(), "{id} has no source");
        for source in &programme.sources {
            assert!(
                (1990..=2026).contains(&source.year),
                "{id}: source year {}",
                source.year
            );
            assert!(
                source.link.starts_with("https://") || source.link.starts_with("http://"),
                "{id}: link {}",
                source.link
            );
            assert!(!source.title.trim().is_empty() && !source.publisher.trim().is_empty());
        }
        let effect = &programme.effect;
        assert!(
            effect.low <= effect.central && effect.central <= effect.high,
            "{id}: {} <= {} <= {}",
            effect.low,
            effect.central,
            effect.high
        );
        if effect.finding == Finding::NoSignificantEffect {
            // Where a study found no effect, the library says so: no effect, a range with 0.
            assert_eq!(effect.central, 0.0, "{id}");
            assert!(effect.low <= 0.0 && effect.high >= 0.0, "{id}");
        }
        assert!(
            !programme.parameters.trim().is_empty(),
            "{id}: no derivation"
        );
        assert!(!programme.evidence.strength.trim().is_empty(), "{id}");
        if let Some(cost) = &programme.cost {
            assert!(cost.gbp > 0.0 && !cost.price_year.is_empty(), "{id}");
        }
    }
    for kind in LeverKind::ALL {
        let references = library.for_lever(kind).filter(|p| p.reference).count();
        assert!(
            references <= 1,
            "{kind:?} has {references} reference programmes"
        );
    }
    // At least one study that found nothing, shown as plainly as the positive ones.
    assert!(
        library
            .programmes
            .iter()
            .any(|p| p.effect.finding == Finding::NoSignificantEffect)
    );
}

#[test]
fn picking_a_programme_sets_the_lever_and_a_programme_with_no_effect_does_nothing() {
    let library = library();
    let reference = library.reference(LeverKind::EarlyHelp).unwrap();
    let mut scenario = shipped("norfolk_2014_do_nothing.ron");
    scenario.levers.early_help.value = 2_000_000.0;
    let before = project(&scenario);
    let picked = overrides::apply(
        &scenario,
        &[format!("levers.early_help.programme=\"{}\"", reference.id)],
    )
    .unwrap();
    let lever = &picked.levers.early_help;
    assert_eq!(lever.programme.as_deref(), Some(reference.id.as_str()));
    assert!(!lever.programme_edited);
    assert!(lever.effect_range.is_some());
    assert_eq!(lever.value, 2_000_000.0, "the money stays the plan's");
    assert_eq!(
        lever.assumptions.cost_per_family_gbp,
        reference.cost.as_ref().unwrap().gbp
    );
    assert_eq!(lever.assumptions.lag_months, reference.months_to_effect);
    // The per-family effect at low reach is the library's.
    let per_100 = lever
        .assumptions
        .kept_out_per_100_families(picked.entries.per_year);
    assert!(
        (per_100 - reference.effect.central).abs() < 1e-9,
        "{per_100}"
    );
    // Editing a number it set marks it edited, still based on the programme.
    let edited = overrides::apply(
        &picked,
        &["levers.early_help.assumptions.lag_months=3".into()],
    )
    .unwrap();
    assert!(edited.levers.early_help.programme_edited);
    // A study that found no effect gives none: the money is spent, no child is kept out.
    let null = library
        .for_lever(LeverKind::EarlyHelp)
        .find(|p| p.effect.finding == Finding::NoSignificantEffect && p.effect.high == 0.0)
        .unwrap();
    let mut nothing = scenario.clone();
    apply_programme(&mut nothing, null);
    let projection = project(&nothing);
    let last = projection.months.last().unwrap();
    assert_eq!(last.looked_after, last.baseline_looked_after);
    assert!(projection.total_investment_gbp() > 0.0);
    assert!(before.months.last().unwrap().looked_after < last.looked_after);
    // An unknown programme is refused with the ones there are.
    let error = overrides::apply(&scenario, &["levers.early_help.programme=magic".into()])
        .unwrap_err()
        .to_string();
    assert!(error.contains("levers.early_help.programme"), "{error}");
    assert!(error.contains(&reference.id), "{error}");
}

#[test]
fn the_evidence_check_flags_the_2014_plans_early_help_and_front_door() {
    let plan = shipped("norfolk_2014_target_770.ron");
    let checks = check(&plan, library());
    let flagged: Vec<LeverKind> = checks
        .iter()
        .filter(|c| c.exceeds)
        .map(|c| c.lever)
        .collect();
    assert!(flagged.contains(&LeverKind::EarlyHelp), "{checks:#?}");
    assert!(flagged.contains(&LeverKind::FrontDoor), "{checks:#?}");
    let early_help = checks
        .iter()
        .find(|c| c.lever == LeverKind::EarlyHelp)
        .unwrap();
    // 40% × 3.5 / (3.5 + 2): the council's own curve at its £3.5m.
    assert!((early_help.assumed - 40.0 * 3.5 / 5.5).abs() < 1e-9);
    let words = care_levers::report::evidence::check_words(early_help);
    assert!(
        words.contains("This plan assumes 25% fewer entries from £3.5m a year"),
        "{words}"
    );
    // The do-nothing plan pulls nothing, so there is nothing to check.
    assert!(check(&shipped("norfolk_2014_do_nothing.ron"), library()).is_empty());

    // The evidence-based version keeps the spend and claims nothing beyond the evidence.
    let version = evidence_based_version(&plan, library());
    assert!(version.name.ends_with("(evidence-based)"));
    assert_eq!(
        version.levers.early_help.value,
        plan.levers.early_help.value
    );
    assert!(check(&version, library()).iter().all(|c| !c.exceeds));
    assert!(version.validate().is_ok());
    let planned = project(&plan).months.last().unwrap().looked_after;
    let evidenced = project(&version).months.last().unwrap().looked_after;
    assert!(evidenced > planned + 100.0, "{evidenced} vs {planned}");
}

#[test]
fn the_monte_carlo_draws_a_programme_effect_from_its_range() {
    let library = library();
    let mut scenario = shipped("norfolk_2014_target_770.ron");
    // Delivery as planned, so the only new spread is the programme's range.
    scenario.uncertainty.lever_delivery = LeverDelivery::all(Delivery::AS_PLANNED);
    let front_door = library.reference(LeverKind::FrontDoor).unwrap();
    apply_programme(&mut scenario, front_door);
    let mut fixed = scenario.clone();
    fixed.levers.front_door.effect_range = None;
    let width = |s: &Scenario| {
        let bands = monte_carlo(s, 300, 11, 2);
        let last = bands.looked_after.last().unwrap();
        last.p90 - last.p10
    };
    assert!(width(&scenario) > width(&fixed) + 10.0);
    assert_eq!(
        monte_carlo(&scenario, 50, 3, 1),
        monte_carlo(&scenario, 50, 3, 4)
    );
}

#[test]
fn version_1_files_load_project_as_before_and_save_as_the_current_version() {
    for name in [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
        "blank_council.ron",
    ] {
        let migrated = load_older(1, name);
        assert_eq!(
            migrated
                .levers
                .early_help
                .assumptions
                .half_effect_gbp_per_year,
            None
        );
        // The curve in pounds is kept exactly: £2m a year at half effect.
        let a = &migrated.levers.early_help.assumptions;
        assert_eq!(
            a.cost_per_family_gbp * a.families_at_half_effect,
            2_000_000.0
        );
        let text = saves_as_the_current_version(&migrated, name);
        assert!(!text.contains("half_effect_gbp_per_year"));
        // A Norfolk file projects exactly as its copy in saved_scenarios.
        if name.starts_with("norfolk") {
            let current = shipped(name);
            let (old, new) = (project(&migrated), project(&current));
            for (a, b) in old.months.iter().zip(&new.months) {
                assert_eq!(a.looked_after, b.looked_after, "{name} {}", a.month);
                assert_eq!(a.spend_gbp, b.spend_gbp, "{name} {}", a.month);
                assert_eq!(a.investment_gbp, b.investment_gbp, "{name} {}", a.month);
            }
        }
    }
}

#[test]
fn version_4_files_load_as_they_are() {
    for name in [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
    ] {
        let loaded = scenario_file::load(&path(&format!("saved_scenarios/{name}"))).unwrap();
        assert_eq!(loaded.read_as_version, 5, "{name}");
        assert!(
            loaded.warnings().is_empty(),
            "{name}: {:?}",
            loaded.warnings()
        );
    }
    let blank = scenario_file::blank_council().unwrap();
    assert_eq!(blank.version, 5);
}

/// Version 4 files (the shipped Norfolk files as they were, kept in `tests/data/v4/`) open with
/// the same figures to the last digit, with no monitoring, and save as the current version.
#[test]
fn version_4_files_load_project_as_before_and_save_as_the_current_version() {
    for name in [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
    ] {
        let migrated = load_older(4, name);
        assert!(migrated.monitoring.is_empty());
        let current = shipped(name);
        assert_eq!(project(&migrated), project(&current), "{name}");
        saves_as_the_current_version(&migrated, name);
    }
}

/// Version 3 files (the shipped Norfolk files as they were, kept in `tests/data/v3/`) open
/// with the same figures to the last digit, with no price lever, and save as the current
/// version.
#[test]
fn version_3_files_load_project_as_before_and_save_as_the_current_version() {
    for name in [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
    ] {
        let migrated = load_older(3, name);
        assert!(migrated.price_levers.is_none());
        let current = shipped(name);
        assert_eq!(project(&migrated), project(&current), "{name}");
        saves_as_the_current_version(&migrated, name);
    }
}

/// Version 2 files (the shipped Norfolk files as they were, kept in `tests/data/v2/`) open
/// with the same figures to the last digit, say they came from an older Care Levers, and save as
/// version 3 (docs/model.md 7.1).
#[test]
fn version_2_files_load_project_as_before_and_save_as_the_current_version() {
    for name in [
        "norfolk_2014_do_nothing.ron",
        "norfolk_2014_target_770.ron",
        "norfolk_2017_programme.ron",
    ] {
        let migrated = load_older(2, name);
        // One rate prices every type, as before.
        assert_eq!(migrated.costs.price_growth_percent_per_year, None);
        assert!(migrated.placement_moves.is_none());
        let current = shipped(name);
        let (old, new) = (project(&migrated), project(&current));
        assert_eq!(old, new, "{name}");
        saves_as_the_current_version(&migrated, name);
    }
}

/// `name` as shipped in format `version` (kept in `tests/data/v{version}/`): it loads, says it
/// came from an older Care Levers, and is migrated to the current version.
fn load_older(version: u32, name: &str) -> Scenario {
    let old_path = path(&format!("tests/data/v{version}/{name}"));
    let old_text = std::fs::read_to_string(&old_path).unwrap();
    assert!(
        old_text.contains(&format!("version: {version},")),
        "{name} is a version {version} file"
    );
    let loaded = scenario_file::load(&old_path).unwrap();
    assert_eq!(loaded.read_as_version, version);
    assert!(
        loaded
            .warnings()
            .iter()
            .any(|w| w.contains("older Care Levers")),
        "{name}: {:?}",
        loaded.warnings()
    );
    assert_eq!(loaded.scenario.version, CURRENT_VERSION);
    loaded.scenario
}

/// Saved, `migrated` is the current version and reads back the same. Returns the text.
fn saves_as_the_current_version(migrated: &Scenario, name: &str) -> String {
    let text = scenario_file::to_text(migrated).unwrap();
    assert!(text.contains(&format!("version: {CURRENT_VERSION},")));
    let again = scenario_file::parse(&text, name).unwrap();
    assert_eq!(again.read_as_version, CURRENT_VERSION);
    assert_eq!(&again.scenario, migrated);
    text
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_care-levers"))
}

/// Entries in the last 12 months of `file` with `set`, from `care-levers run`.
fn last_year_entries(file: &Path, set: &[String]) -> f64 {
    let mut command = binary();
    command.arg("run").arg(file);
    for assignment in set {
        command.arg("--set").arg(assignment);
    }
    let output = command.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let months = json["months"].as_array().unwrap();
    months[months.len() - 12..]
        .iter()
        .map(|m| m["entries"].as_f64().unwrap())
        .sum()
}

#[test]
fn early_help_in_proportion_to_entries_cuts_every_councils_entries_by_the_same_share() {
    let folder = tempfile::tempdir().unwrap();
    let mut shares = Vec::new();
    for council in ["Rutland", "Norfolk", "Kent"] {
        let file = folder.path().join(format!("{council}.ron"));
        let output = binary()
            .args(["new", "--council", council, "--out"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{council}");
        let scenario = scenario_file::load(&file).unwrap().scenario;
        // Levers start with the scenario, not years later.
        for kind in LeverKind::ALL {
            assert_eq!(
                scenario.levers.timing(kind).start,
                scenario.start_month,
                "{council} {kind:?}"
            );
        }
        // £5,000 a year for each child entering care a year (other than UASC, who arrive apart
        // and whom early help does not reach).
        let money = 5_000.0 * scenario.entries.per_year;
        let uasc_arrivals = scenario.uasc.as_ref().map_or(0.0, |u| u.arrivals_per_year);
        let without = last_year_entries(&file, &[]);
        let with = last_year_entries(&file, &[format!("levers.early_help.value={money}")]);
        shares.push((council, (without - with) / (without - uasc_arrivals)));
    }
    let least = shares.iter().map(|s| s.1).fold(f64::INFINITY, f64::min);
    let most = shares.iter().map(|s| s.1).fold(0.0, f64::max);
    assert!(least > 0.0, "{shares:?}");
    assert!(
        most <= least * 1.15,
        "not within 15% of each other: {shares:?}"
    );
}

#[test]
fn the_command_line_lists_the_library_and_checks_a_plan() {
    let output = binary().arg("evidence").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    for programme in &library().programmes {
        assert!(text.contains(&programme.id), "{} not listed", programme.id);
    }
    assert!(text.contains("no significant effect"));

    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("evidence_based.ron");
    let output = binary()
        .arg("evidence")
        .arg(path("saved_scenarios/norfolk_2014_target_770.ron"))
        .arg("--evidence-based")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("CLAIMS MORE"), "{text}");
    let version = scenario_file::load(&out).unwrap().scenario;
    assert!(check(&version, library()).iter().all(|c| !c.exceeds));
}

#[test]
fn the_blank_councils_levers_are_what_a_council_fit_gives() {
    let blank = scenario_file::blank_council().unwrap();
    let mut fitted = blank.clone();
    care_levers::model::evidence::fit_levers_to_council(&mut fitted, library());
    assert_eq!(fitted.levers, blank.levers);
}

#[test]
fn an_edited_programme_keeps_its_effect_in_the_bands_and_programmes_fit_any_council() {
    let library = library();
    let plan = shipped("norfolk_2014_target_770.ron");
    let front_door = library.reference(LeverKind::FrontDoor).unwrap();
    let picked = overrides::apply(
        &plan,
        &[format!("levers.front_door.programme=\"{}\"", front_door.id)],
    )
    .unwrap();
    // Its cost per child entering care a year becomes the lever's running cost.
    let cost = front_door.cost.as_ref().unwrap().gbp;
    let expected = cost * picked.entries.per_year;
    assert!((picked.levers.front_door.assumptions.annual_cost_gbp - expected).abs() < 1.0);
    // Edited to 40%, outside the evidence: the bands follow the edit, not the range.
    let edited = overrides::apply(&picked, &["levers.front_door.value=40".into()]).unwrap();
    assert!(edited.levers.front_door.programme_edited);
    let mut without_range = edited.clone();
    without_range.levers.front_door.effect_range = None;
    assert_eq!(
        monte_carlo(&edited, 100, 5, 2),
        monte_carlo(&without_range, 100, 5, 2)
    );
    // Editing the ramp a programme set marks it edited too.
    let ramped = overrides::apply(&picked, &["levers.front_door.ramp_months=3".into()]).unwrap();
    assert!(ramped.levers.front_door.programme_edited);
    // A study that found no effect has no range to draw from.
    for programme in library
        .programmes
        .iter()
        .filter(|p| p.effect.finding == Finding::NoSignificantEffect)
    {
        let mut s = plan.clone();
        apply_programme(&mut s, programme);
        let range = s.levers.programme(programme.lever).effect_range.unwrap();
        assert!(range.is_point() && range.low == 0.0, "{}", programme.id);
    }
    // A council with no entries still gets a scenario it can save.
    let mut empty = plan.clone();
    empty.entries.per_year = 0.0;
    for programme in &library.programmes {
        let mut s = empty.clone();
        apply_programme(&mut s, programme);
        assert!(s.validate().is_ok(), "{}: {:?}", programme.id, s.validate());
    }
}

#[test]
fn the_tornado_swings_a_programme_across_its_evidence_range() {
    use care_levers::model::sensitivity::tornado;
    let library = library();
    let mut plan = shipped("norfolk_2014_target_770.ron");
    apply_programme(&mut plan, library.reference(LeverKind::EarlyHelp).unwrap());
    let result = tornado(&plan, |_, value| value.to_string());
    let names: Vec<&str> = result.swings.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"Early-help investment: evidence range"),
        "{names:?}"
    );
    // The file's own early-help range is not swung as well.
    assert!(!names.contains(&"Early help's effect"), "{names:?}");
}
