//! Starting the window: its first size and icon, eframe's calls, and settings kept between runs.

use super::*;

impl eframe::App for CareLeversApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.run_logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let settings = Settings {
            view: Some(self.view),
            recent_files: self.recent_files.clone(),
            last_council: self.last_council.clone(),
        };
        eframe::set_value(storage, SETTINGS_KEY, &settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.jobs.locks.release_all();
        // A clean exit: every unsaved change was saved or knowingly discarded.
        if self.close_allowed
            && let Some(recovery) = &self.jobs.autosave.store
        {
            recovery.clear();
        }
    }
}

/// The window's inner size on first start, in points: it fits a 1366×768 screen (the most
/// common council laptop) with a 40 px taskbar and a title bar. Larger screens keep it until
/// the user resizes; a remembered size is restored by eframe, and reduced by
/// [`fitted_window_size`] if the screen is now smaller.
pub const FIRST_START_SIZE: [f32; 2] = [1280.0, 660.0];

/// Room a screen loses to the taskbar (Windows' is 40 px at 100%) and the window's title bar.
const TASKBAR_AND_TITLE_BAR: f32 = 40.0 + 32.0;

/// The size to shrink the window to so it fits `monitor` (its whole size, in points) with
/// room for the taskbar and title bar; none if it already fits.
pub fn fitted_window_size(inner: egui::Vec2, monitor: egui::Vec2) -> Option<egui::Vec2> {
    let room = egui::vec2(monitor.x, monitor.y - TASKBAR_AND_TITLE_BAR).max(egui::vec2(1.0, 1.0));
    (inner.x > room.x || inner.y > room.y).then(|| inner.min(room))
}

/// Opens the window on `scenario`, then opens `files` in it: the first in place of `scenario`,
/// the rest alongside (a file that cannot be read is reported in the window). Returns when the
/// window closes.
pub fn run_window(scenario: Scenario, files: Vec<PathBuf>) -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(if files.is_empty() {
            "Care Levers".to_string()
        } else {
            format!("Care Levers – {}", scenario.name)
        })
        .with_inner_size(FIRST_START_SIZE)
        .with_min_inner_size([800.0, 500.0])
        // The Linux desktop entry is care-levers.desktop: the same name lets the desktop match
        // the window to its menu entry and icon.
        .with_app_id("care-levers");
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    // Settings beside the recovery copies, in the folder named after the app rather than after
    // the window's app id (which eframe would use otherwise).
    let persistence_path = jobs::recovery::app_data_dir().map(|dir| dir.join("app.ron"));
    // On first start (no settings yet) the window is centred on the screen, inside the work
    // area, rather than wherever the window manager drops it; later starts keep the position
    // eframe remembered.
    let first_start = persistence_path.as_ref().is_none_or(|path| !path.exists());
    let options = eframe::NativeOptions {
        viewport,
        persistence_path,
        centered: first_start,
        ..Default::default()
    };
    eframe::run_native(
        "Care Levers",
        options,
        Box::new(move |cc| {
            let mut app = CareLeversApp::from_creation_context(cc, scenario);
            // With no file, the start page; a file given (from Explorer or the command line)
            // opens straight away.
            if files.is_empty() {
                app = app.with_start_page();
            }
            for (index, path) in files.iter().enumerate() {
                app.open_file(path, index > 0);
            }
            Ok(Box::new(app))
        }),
    )
}

/// The app's icon (assets/icon/care-levers.png, 256×256), for the window's title bar and task
/// bar. None only if the embedded PNG were unreadable, and then the window has the default.
pub fn window_icon() -> Option<egui::IconData> {
    let png = include_bytes!("../../assets/icon/care-levers.png");
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png).ok()?;
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    Some(egui::IconData {
        rgba: rgba.into_raw(),
        width,
        height,
    })
}

#[cfg(test)]
mod window_size_tests {
    use super::*;

    #[test]
    fn the_first_start_size_fits_a_1366_by_768_laptop_with_its_taskbar() {
        let first = egui::Vec2::from(FIRST_START_SIZE);
        // 768 less a 40 px taskbar less the title bar.
        assert!(first.x <= 1366.0 && first.y + 32.0 <= 768.0 - 40.0);
        assert_eq!(fitted_window_size(first, egui::vec2(1366.0, 768.0)), None);
    }

    #[test]
    fn a_remembered_size_larger_than_the_screen_is_reduced() {
        let remembered = egui::vec2(1920.0, 1080.0);
        let fitted = fitted_window_size(remembered, egui::vec2(1366.0, 768.0)).unwrap();
        assert_eq!(fitted, egui::vec2(1366.0, 768.0 - 72.0));
        assert_eq!(
            fitted_window_size(remembered, egui::vec2(2560.0, 1440.0)),
            None
        );
        // Only the side that does not fit changes.
        let tall = fitted_window_size(egui::vec2(1000.0, 900.0), egui::vec2(1366.0, 768.0));
        assert_eq!(tall, Some(egui::vec2(1000.0, 696.0)));
    }
}
