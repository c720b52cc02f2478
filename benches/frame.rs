//! `cargo bench --bench frame`: one full frame of the window (layout of every panel and the
//! chart, no GPU), while a lever is being dragged (the mouse button held), so each frame also
//! reprojects, and the Monte Carlo worker recomputes bands (200 draws while dragging) on the
//! other core. Goal: under 4 ms; with the Uncertainty view open, under 16 ms (issue 21).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, View};
use care_levers::io::scenario_file;
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;

fn frame(c: &mut Criterion) {
    let scenario = match scenario_file::norfolk_2014() {
        Ok(scenario) => scenario,
        Err(error) => panic!("the built-in scenario does not load: {error}"),
    };
    for view in [
        View::ChildrenInCare,
        View::MoneyByYear,
        View::Table,
        View::Uncertainty,
    ] {
        let mut app = CareLeversApp::new(scenario.clone());
        app.view = view;
        app.scenario_mut().horizon_years = 10;
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            // Answers from the worker thread may add frames to a run.
            .with_max_steps(64)
            .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
        harness.run();
        // The mouse button goes down (on the empty bottom-right corner) and stays down, as it
        // does while a slider is dragged.
        harness.input_mut().events.push(egui::Event::PointerButton {
            pos: egui::pos2(1275.0, 795.0),
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
        let mut step = 0u32;
        c.bench_function(&format!("frame: {}, lever dragged", view.label()), |b| {
            b.iter(|| {
                step = step.wrapping_add(1);
                // A new early-help value every frame, as while dragging its slider.
                harness.state_mut().scenario_mut().levers.early_help.value =
                    f64::from(step % 200) * 50_000.0;
                harness.step();
            })
        });
    }
}

criterion_group!(benches, frame);
criterion_main!(benches);
