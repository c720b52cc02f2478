//! What happens every frame whatever is on screen, and while the window is hidden: dialog
//! answers, finished saves, exports and imports, locks, recovery copies, undo steps,
//! projections, bands and the window title (as rerun's `App::logic`).

use super::command::Command;
use super::run::fitted_window_size;
use super::*;

impl CareLeversApp {
    /// Everything that happens each frame whatever is on screen: answers from dialogs, undo
    /// steps, projections, recovery copies, bands, the image being made and the window title.
    /// Returns commands to run.
    pub fn logic(&mut self, ctx: &egui::Context) -> Vec<Message> {
        let mut commands = Vec::new();
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_allowed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            commands.push(Command::Quit.into());
        }
        for reply in self.jobs.dialogs.replies() {
            self.receive_dialog_reply(ctx, reply);
        }
        self.collect_import();
        self.collect_briefing();
        self.collect_saves(ctx);
        self.collect_exports();
        // A remembered (or first-start) size larger than this screen is reduced to fit it.
        if !self.window_fitted
            && let Some((inner, monitor)) = ctx.input(|i| {
                let viewport = i.viewport();
                Some((viewport.inner_rect?.size(), viewport.monitor_size?))
            })
        {
            self.window_fitted = true;
            if let Some(size) = fitted_window_size(inner, monitor) {
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
            }
        }
        // A minimised window's `logic` sees the last shown frame's input again: its events were
        // handled then.
        let input_time = ctx.input(|i| i.time);
        let new_input = self.logic_input_time != Some(input_time);
        self.logic_input_time = Some(input_time);
        // Back from another program (or another officer's save noticed by a sync tool): check
        // whether the open files changed on disk.
        if new_input
            && ctx.input(|i| {
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::WindowFocused(true)))
            })
        {
            self.check_files_on_disk();
        }
        self.jobs.locks.tick(ctx, self.workspace.documents());
        // One slider drag is one undo step: record only once the pointer is released.
        let gesture = ctx.input(|i| i.pointer.any_down());
        for document in self.workspace.documents_mut() {
            document.history.settle(&document.scenario, gesture);
            document.projection();
        }
        if let Some((title, text)) = self
            .jobs
            .autosave
            .tick(ctx, self.workspace.documents(), false)
        {
            self.modals.message(title, text);
        }
        // While a lever is dragged the bands follow with fewer draws (`gesture`: a button held).
        if let Some((title, text)) =
            self.jobs
                .update_bands(ctx, &self.workspace.active().scenario, gesture)
        {
            self.modals.message(title, text);
        }
        match self.jobs.images.step(ctx, self.chart_rect) {
            Some(jobs::image::ImageDone::Write(write)) => {
                self.start_export(ctx, "Saving the image", write)
            }
            Some(jobs::image::ImageDone::Copied(text)) => self.modals.message("Chart copied", text),
            None => {}
        }
        // The start page stands for no scenario: the title bar names only the app.
        let title = if self.start_page.is_some() {
            "Care Levers".to_string()
        } else {
            format!("Care Levers – {}", self.workspace.active().title())
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        commands
    }

    /// [`Self::logic`], then runs its commands: what eframe calls before every frame and, while
    /// the window is minimised or hidden, instead of frames (locks, recovery copies, dialog
    /// answers and bands go on).
    pub fn run_logic(&mut self, ctx: &egui::Context) {
        for command in self.logic(ctx) {
            self.run_command(ctx, command);
        }
    }
}
