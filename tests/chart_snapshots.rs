//! Image snapshots of every chart the window draws, each from its `report::chart` description
//! through the one `chart_ui` (egui_kittest's wgpu renderer, headless, on Mesa's llvmpipe
//! over GL). A change to how a chart is drawn fails here until the images are looked at and
//! renewed: `UPDATE_SNAPSHOTS=1 cargo test --test chart_snapshots` writes
//! tests/snapshots/*.png (the failing run leaves .new.png and .diff.png beside them).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::chart_ui;
use care_levers::io::scenario_file;
use care_levers::model::project;
use care_levers::report::chart::{self, Chart};
use care_levers::report::format::Figures;
use egui_kittest::{Harness, SnapshotOptions};

/// Norfolk's 2014 plan to reach 770 (levers pulled, a target, counted figures) and a second
/// plan drawn over it, as the window shows them.
fn charts() -> Vec<(&'static str, Chart)> {
    let plan = scenario_file::example(1).unwrap();
    let projection = project(&plan);
    let mut children = chart::children_in_care(&plan, &projection, Figures::Exact);
    let other = scenario_file::example(2).unwrap();
    let other_projection = project(&other);
    chart::add_comparison(
        &mut children,
        &other.name,
        1,
        care_levers::report::series::offset_points(
            plan.start_month,
            other.start_month,
            &care_levers::report::series::monthly(&other_projection, |m| m.looked_after),
        ),
    );
    chart::add_reference(&mut children, "At neighbours' median rate: 800", 800.0);
    vec![
        ("children_in_care", children),
        (
            "spend_against_budget",
            chart::spend_against_budget(&plan, &projection),
        ),
        (
            "net_saving_by_year",
            chart::net_saving_by_year(&plan, &projection),
        ),
        ("spend_change", chart::spend_change(&plan, &projection)),
        (
            "savings_and_payback",
            chart::savings_and_payback(&plan, &projection),
        ),
        (
            "foster_care",
            chart::foster_care(&plan, &projection, Figures::Exact),
        ),
    ]
}

#[test]
fn every_chart_draws_as_its_snapshot() {
    // One backend on every machine: software GL (llvmpipe), as the toolchain notes advise.
    // SAFETY: set before any renderer starts, in a test binary whose only test this is.
    unsafe { std::env::set_var("WGPU_BACKEND", "gl") };
    let mut failures = Vec::new();
    for (name, chart) in charts() {
        let mut harness = Harness::builder()
            .with_size(egui::vec2(900.0, 420.0))
            .build_ui(|ui| {
                chart_ui(ui, "snapshot", &chart, 380.0);
            });
        harness.run();
        // Anti-aliased edges differ by a few pixels between drivers: a small allowance.
        let options = SnapshotOptions::new().threshold(0.6).max_failed_pixels(40);
        if let Err(error) = harness.try_snapshot_options(name, &options) {
            failures.push(format!("{name}: {error}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
