//! Screenshots of the start page and of every view at 1024×600, 1366×768 and 1920×1080, rendered
//! headless through egui_kittest's wgpu renderer into docs/screens/ (run by hand:
//! `cargo test --test screenshots -- --ignored`; scripts/screenshot.sh takes the real window
//! under Xvfb). Ignored in CI: it needs a GPU or Mesa's software Vulkan.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::app::{CareLeversApp, RecoveryStore, View};
use care_levers::io::scenario_file;
use egui_kittest::Harness;
use std::sync::Arc;

mod common;

fn app(start_page: bool, bands: bool) -> CareLeversApp {
    let plan = scenario_file::example(1).unwrap();
    let app = CareLeversApp::with_services(
        plan,
        Arc::new(common::FakeDialogs::default()),
        None::<RecoveryStore>,
    )
    .with_bands(bands);
    if start_page {
        app.with_start_page()
    } else {
        app
    }
}

#[test]
#[ignore = "renders with wgpu; run by hand to refresh docs/screens"]
fn screens_at_1366_by_768_and_1920_by_1080() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screens");
    std::fs::create_dir_all(&folder).unwrap();
    for (width, height) in [(1024.0, 600.0), (1366.0, 768.0), (1920.0, 1080.0)] {
        let size = format!("{width}x{height}");
        let mut shots: Vec<(String, CareLeversApp)> = vec![("start".into(), app(true, false))];
        for view in View::ALL {
            let bands = matches!(view, View::Uncertainty | View::PlanAgainstOutcome);
            let mut app = app(false, bands);
            app.view = view;
            shots.push((format!("{view:?}").to_lowercase(), app));
        }
        for (name, app) in shots {
            let mut harness = Harness::builder()
                .with_size(egui::vec2(width, height))
                .with_max_steps(16)
                .build_ui_state(|ui, app: &mut CareLeversApp| app.ui(ui), app);
            harness.run_steps(4);
            // Views with bands wait for the worker's 1,000 draws.
            let started = std::time::Instant::now();
            while name.contains("uncertainty") || name.contains("planagainst") {
                if harness.state().bands().is_some_and(|(_, current)| current)
                    || started.elapsed().as_secs() > 30
                {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
                harness.step();
            }
            harness.run_steps(2);
            let image = harness.render().expect("a wgpu adapter (or Mesa lavapipe)");
            image
                .save(folder.join(format!("{name}_{size}.png")))
                .unwrap();
        }
    }
}
