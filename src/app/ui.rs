//! The layout of a frame: the start page, the normal window (menu, tabs, levers, headline,
//! view), meeting mode and the slide laid out for an image.

use super::command::Command;
use super::views::ViewContext;
use super::*;

impl CareLeversApp {
    /// One whole frame: [`Self::run_logic`], then [`Self::draw_ui`]. Tests and benchmarks that
    /// drive the app as a plain `ui` function call this; eframe calls the two apart.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.run_logic(&ctx);
        self.draw_ui(ui);
    }

    /// Draws the whole window into `ui`, then runs what the user asked for.
    pub fn draw_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        // The start page gives way once another scenario is active (a council, a file, an
        // example or an import chosen).
        if let Some((_, standing_in_for)) = &self.start_page
            && self.workspace.active().id != *standing_in_for
        {
            self.start_page = None;
        }
        if let Some((page, _)) = &mut self.start_page
            && self.presentation.is_none()
        {
            let recent = self.recent_files.clone();
            let last = self.last_council.clone();
            egui::Panel::top("start_menu").show(ui, |ui| {
                commands.extend(panels::menu::start_menu_bar_ui(ui, &recent));
            });
            egui::CentralPanel::default().show(ui, |ui| {
                commands.extend(page.ui(ui, &recent, last.as_deref()));
            });
        } else if self.presentation.is_some() {
            commands.extend(self.presentation_ui(ui));
        } else if self
            .jobs
            .images
            .job()
            .is_some_and(|job| job.wants_slide_layout())
        {
            self.slide_for_image_ui(ui);
        } else {
            commands.extend(self.window_ui(ui));
        }
        self.guide.ui(&ctx);
        commands.extend(self.modals.ui(&ctx));
        for command in commands {
            self.run_command(&ctx, command);
        }
    }

    /// Edits made in a panel are applied at once, before the central panel is drawn, so the
    /// charts in the same frame already show their effect.
    pub(super) fn apply_edits(&mut self, edits: Vec<Edit>) {
        for edit in edits {
            self.apply(edit);
        }
    }

    /// The normal window: menu, tabs, levers, headline, view tabs and the view.
    pub(super) fn window_ui(&mut self, ui: &mut egui::Ui) -> Vec<Message> {
        let ctx = ui.ctx().clone();
        // A text field keeps Ctrl+Z for its own text; a focused button or slider does not.
        let typing = ctx.text_edit_focused();
        let mut commands: Vec<Message> = command::pressed(&ctx, command::WINDOW_SHORTCUTS, typing)
            .into_iter()
            .map(Message::from)
            .collect();

        egui::Panel::top("top_bar").show(ui, |ui| {
            commands.extend(panels::menu::menu_bar_ui(
                ui,
                &self.workspace,
                &self.recent_files,
            ));
            commands.extend(panels::menu::tabs_ui(ui, &mut self.workspace));
            // Files still being written (a slow network drive), in words, with a spinner.
            let running: Vec<String> = self
                .jobs
                .saves
                .iter()
                .map(|s| s.task.status())
                .chain(self.jobs.exports.iter().map(|t| t.status()))
                .collect();
            for status in running {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(status);
                });
            }
        });

        let mut edits = Vec::new();
        let mut levers_shown = !self.levers_hidden;
        egui::Panel::left("levers")
            .resizable(true)
            .default_size(340.0)
            .min_size(280.0)
            .show_collapsible(ui, &mut levers_shown, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let scenario = &self.workspace.active().scenario;
                    ui.add_space(4.0);
                    edits.extend(panels::details::details_ui(ui, scenario));
                    let checks = crate::model::evidence::check(
                        scenario,
                        crate::model::evidence::Library::shipped_or_empty(),
                    );
                    commands.extend(panels::levers::evidence_summary_ui(ui, &checks));
                    edits.extend(panels::levers::levers_ui(ui, scenario, &checks));
                    ui.add_space(8.0);
                    edits.extend(panels::assumptions::assumptions_ui(ui, scenario));
                    ui.add_space(8.0);
                });
            });
        self.levers_hidden = !levers_shown;
        if self.budget_window {
            let scenario = &self.workspace.active().scenario;
            let mut open = true;
            egui::Window::new("Placement budget")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .show(ui.ctx(), |ui| {
                    ui.label("The council's placement budget for each financial year (e.g. £28.5m). Leave a year empty if it is not set; years after the last entered grow by the budget growth in Assumptions.");
                    edits.extend(panels::assumptions::budget_table_ui(ui, scenario));
                });
            self.budget_window = open;
        }
        self.apply_edits(edits);

        egui::CentralPanel::default().show(ui, |ui| {
            let document = self.workspace.active();
            let bands = self.jobs.bands_for(&document.scenario);
            let mut figures = crate::report::figures::headline_figures(
                &document.scenario,
                document.last_projection(),
            );
            figures.extend(views::uncertainty::probability_figures(
                &document.scenario,
                bands,
            ));
            let fold = if self.levers_hidden {
                "Show the levers"
            } else {
                "Hide the levers"
            };
            if ui.small_button(fold).clicked() {
                commands.push(Command::ToggleLevers.into());
            }
            if panels::headline::headline_ui(ui, &figures) {
                self.budget_window = true;
            }
            commands.extend(disk_notice_ui(ui, document));
            if let Some(failure) = self.jobs.autosave.failure() {
                ui.label(
                    RichText::new(format!(
                        "Recovery copies are not being written ({}): save your work.",
                        failure.lines().next().unwrap_or_default()
                    ))
                    .color(style::OVERSPEND),
                );
            }
            ui.separator();
            // Wrapped, so every view stays reachable in a narrow window; set close together so
            // the ten fit on one line beside the levers at 1366 px.
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                ui.spacing_mut().button_padding.x = 5.0;
                for view in View::ALL {
                    if ui
                        .selectable_label(self.view == view, view.label())
                        .clicked()
                    {
                        commands.push(Message::ShowView(view));
                    }
                }
            });
            ui.add_space(4.0);
            let chart = ui.scope(|ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(self.view.title()).heading());
                    // The guide's section on this view.
                    let help = ui
                        .small_button("?")
                        .on_hover_text("What this view shows and how to read it");
                    help.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, "About this view")
                    });
                    if help.clicked() {
                        commands.push(Command::GuideForView.into());
                    }
                });
                let cx = ViewContext {
                    workspace: &self.workspace,
                    bands,
                    height: (ui.available_height() - 8.0).max(160.0),
                };
                // On a small screen the view scrolls rather than being cut off.
                egui::ScrollArea::both()
                    .id_salt("view")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        commands.extend(views::view_ui(ui, self.view, &cx, &mut self.view_states));
                    });
            });
            self.chart_rect = Some(chart.response.rect);
        });
        commands
    }

    /// The chart alone as a slide, filling the window, for an image of a chosen size.
    pub(super) fn slide_for_image_ui(&mut self, ui: &mut egui::Ui) {
        let view = self.view;
        egui::CentralPanel::default()
            .frame(
                egui::Frame::new()
                    .fill(egui::Color32::WHITE)
                    .inner_margin(24),
            )
            .show(ui, |ui| {
                style::use_projector_theme(ui.style_mut());
                style::use_large_type(ui.style_mut());
                let cx = slide_context(&self.workspace, &self.jobs);
                views::presentation::chart_slide_ui(ui, view, &cx, &mut self.view_states, false);
            });
    }

    /// Meeting mode: one chart at a time, large type, keys to step through charts and scenarios.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui) -> Vec<Message> {
        let ctx = ui.ctx().clone();
        // Any focused control keeps its keys (a lever slider its arrows).
        let typing = ctx.memory(|m| m.focused().is_some());
        let mut commands: Vec<Message> = command::pressed(&ctx, command::MEETING_SHORTCUTS, typing)
            .into_iter()
            .map(Message::from)
            .collect();
        let Some(state) = self.presentation.clone() else {
            return commands;
        };
        let count = self.workspace.documents().len();
        let position = self.workspace.active_position();
        let mut frame = egui::Frame::central_panel(ui.style()).inner_margin(24);
        if state.projector_theme {
            frame = frame.fill(egui::Color32::WHITE);
        }
        egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            if state.projector_theme {
                style::use_projector_theme(ui.style_mut());
            }
            style::use_large_type(ui.style_mut());
            let cx = slide_context(&self.workspace, &self.jobs);
            let rect = views::presentation::chart_slide_ui(
                ui,
                state.view(),
                &cx,
                &mut self.view_states,
                true,
            );
            self.chart_rect = Some(rect);
            let keys: Vec<String> = command::MEETING_SHORTCUTS
                .iter()
                .map(|c| format!("{}: {}", c.shortcut_text(), c.label().to_lowercase()))
                .collect();
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Chart {} of {} · scenario {} of {count}    {}",
                        state.chart + 1,
                        views::presentation::CHARTS.len(),
                        position + 1,
                        keys.join(" · ")
                    ))
                    .size(18.0)
                    .weak(),
                );
            });
        });
        if state.levers_open {
            let mut open = true;
            let mut edits = Vec::new();
            let document = self.workspace.active();
            egui::Window::new("Levers")
                .open(&mut open)
                .resizable(false)
                .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-24.0, 24.0))
                .show(&ctx, |ui| {
                    style::use_large_type(ui.style_mut());
                    edits = panels::levers::compact_levers_ui(ui, &document.scenario);
                    let revert = Command::RevertToSaved;
                    if ui
                        .add_enabled(
                            document.can_revert(),
                            egui::Button::new(format!(
                                "{} ({})",
                                revert.label(),
                                revert.shortcut_text()
                            )),
                        )
                        .clicked()
                    {
                        commands.push(revert.into());
                    }
                });
            self.apply_edits(edits);
            if !open {
                commands.push(Command::ToggleLevers.into());
            }
        }
        commands
    }
}

/// A line under the headline when the active scenario's file changed on disk since it was
/// opened or saved here, or when it is a read-only copy.
fn disk_notice_ui(ui: &mut egui::Ui, document: &Document) -> Vec<Message> {
    let mut commands = Vec::new();
    let name = document.display_name();
    match document.changed_on_disk {
        Some(DiskChange::Changed) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "\"{name}\" was changed on disk by someone else since you opened it."
                    ))
                    .color(style::OVERSPEND),
                );
                for command in [
                    Message::ReloadFromDisk(document.id),
                    Message::KeepMine(document.id),
                ] {
                    if ui.button(command.label()).clicked() {
                        commands.push(command);
                    }
                }
            });
        }
        Some(DiskChange::Missing) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "\"{name}\" is no longer on disk (deleted, moved, or its drive is \
                         disconnected). Save to write it again."
                    ))
                    .color(style::OVERSPEND),
                );
                let keep = Message::KeepMine(document.id);
                if ui.button(keep.label()).clicked() {
                    commands.push(keep);
                }
            });
        }
        None => {}
    }
    if let Some(holder) = &document.read_only_because {
        ui.label(
            RichText::new(format!(
                "Read-only copy: the file is open by {holder}. Save asks for a new name."
            ))
            .weak(),
        );
    }
    commands
}

/// What a slide draws from (the slide works out its own height).
fn slide_context<'a>(workspace: &'a Workspace, jobs: &'a jobs::Jobs) -> ViewContext<'a> {
    ViewContext {
        workspace,
        bands: jobs.bands_for(&workspace.active().scenario),
        height: 0.0,
    }
}
