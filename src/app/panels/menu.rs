//! The menu bar (made from the command lists in `command.rs`) and the scenario tabs.

use crate::app::command::{Command, EDIT_MENU, FILE_MENU, HELP_MENU};
use crate::app::message::Message;
use crate::app::style as colours;
use crate::app::workspace::Workspace;
use egui::RichText;
use std::path::PathBuf;

/// The menu bar. Returns the commands chosen.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    recent_files: &[PathBuf],
) -> Vec<Message> {
    let mut chosen = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for item in FILE_MENU {
                match item {
                    Some(command) => {
                        if ui.button(command.menu_text()).clicked() {
                            chosen.push((*command).into());
                        }
                        // Recent files sit under "Open alongside".
                        if *command == Command::OpenAlongside {
                            recent_files_ui(ui, recent_files, &mut chosen);
                        }
                    }
                    None => {
                        ui.separator();
                    }
                }
            }
        });
        ui.menu_button("Edit", |ui| {
            let document = workspace.active();
            for command in EDIT_MENU {
                let enabled = match command {
                    Command::Undo => document.history.can_undo(&document.scenario),
                    Command::Redo => document.history.can_redo(),
                    _ => true,
                };
                if ui
                    .add_enabled(enabled, egui::Button::new(command.menu_text()))
                    .clicked()
                {
                    chosen.push((*command).into());
                }
            }
        });
        help_menu_ui(ui, &mut chosen);
        if ui
            .button(Command::Present.menu_text())
            .on_hover_text("Full screen, one chart at a time, for a meeting")
            .clicked()
        {
            chosen.push(Command::Present.into());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            theme_ui(ui);
            ui.separator();
            ui.label(RichText::new("Care Levers").strong());
        });
    });
    chosen
}

/// The start page's menu bar: what needs no scenario open (starting one, opening a file,
/// quitting) and Help, so the guide and About are in reach before any scenario is chosen.
pub fn start_menu_bar_ui(ui: &mut egui::Ui, recent_files: &[PathBuf]) -> Vec<Message> {
    let mut chosen = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for item in START_FILE_MENU {
                let Some(command) = item else {
                    ui.separator();
                    continue;
                };
                if ui.button(command.menu_text()).clicked() {
                    chosen.push((*command).into());
                }
                if *command == Command::Open {
                    recent_files_ui(ui, recent_files, &mut chosen);
                }
            }
        });
        help_menu_ui(ui, &mut chosen);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            theme_ui(ui);
            ui.separator();
            ui.label(RichText::new("Care Levers").strong());
        });
    });
    chosen
}

/// The File menu of the start page, with separators as `None`.
const START_FILE_MENU: &[Option<Command>] = &[
    Some(Command::NewForCouncil),
    Some(Command::NewFromSsda903),
    Some(Command::NewFromTemplate),
    Some(Command::NewBlank),
    None,
    Some(Command::Open),
    Some(Command::TypePath),
    None,
    Some(Command::Quit),
];

/// "Open recent", a submenu.
fn recent_files_ui(ui: &mut egui::Ui, recent_files: &[PathBuf], chosen: &mut Vec<Message>) {
    ui.menu_button("Open recent", |ui| {
        if recent_files.is_empty() {
            ui.label("No recent files");
        }
        for path in recent_files {
            if ui.button(path.display().to_string()).clicked() {
                chosen.push(Message::OpenRecent(path.clone()));
            }
        }
    });
}

/// The Help menu.
fn help_menu_ui(ui: &mut egui::Ui, chosen: &mut Vec<Message>) {
    ui.menu_button("Help", |ui| {
        for command in HELP_MENU {
            if ui.button(command.menu_text()).clicked() {
                chosen.push((*command).into());
            }
        }
    });
}

/// The scenario tabs: a colour swatch, the name (with * when unsaved) and a checkbox to draw
/// it beside the active one.
pub fn tabs_ui(ui: &mut egui::Ui, workspace: &mut Workspace) -> Vec<Message> {
    let mut chosen = Vec::new();
    let active = workspace.active().id;
    ui.horizontal_wrapped(|ui| {
        ui.label("Scenarios:");
        for document in workspace.documents_mut() {
            let colour = colours::comparison(document.colour_index);
            let name = document.title();
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, colour);
            if ui.selectable_label(document.id == active, &name).clicked() {
                chosen.push(Message::Activate(document.id));
            }
            ui.checkbox(&mut document.shown_in_comparison, "")
                .on_hover_text("Show on the charts beside the active scenario")
                .accessible_name(format!("Compare {name}"));
            ui.separator();
        }
    });
    chosen
}

/// Light / dark / system theme, in words (the default fonts have no icon glyphs for these).
fn theme_ui(ui: &mut egui::Ui) {
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    let before = preference;
    // Right-to-left layout: added in reverse.
    ui.selectable_value(&mut preference, egui::ThemePreference::Dark, "Dark");
    ui.selectable_value(&mut preference, egui::ThemePreference::Light, "Light");
    ui.selectable_value(&mut preference, egui::ThemePreference::System, "System");
    ui.label("Theme:");
    if preference != before {
        ui.ctx().set_theme(preference);
    }
}
