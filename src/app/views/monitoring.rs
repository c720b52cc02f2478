//! "Budget monitoring": the finance officer's month (issue 32, docs/outturn.md). The placement
//! list read from the officer's computer (kept in memory only, never in the scenario file), the
//! day of the forecast, and what `report::outturn` makes of them: the forecast outturn, the
//! budget-monitoring table with the movement since the last saved forecast, the year building up
//! month by month, the high-cost placements; saving the month's totals in the scenario; starting
//! a scenario from the list; and the savings the budget assumed, tracked.

use crate::app::jobs::dialogs::DialogPurpose;
use crate::app::message::Message;
use crate::app::panels::levers::parse_money;
use crate::app::style;
use crate::io::placement_list::{PlacementList, list_date};
use crate::model::episodes::Date;
use crate::model::outturn::savings::{self, SavingsTracker};
use crate::model::outturn::{MonthlyForecast, monthly_forecast, scenario_from_list};
use crate::model::scenario::{Edit, LeverKind, Monitoring, PlannedSaving, SavingLine};
use crate::model::{Projection, Scenario};
use crate::report::format;
use crate::report::outturn as words;
use egui::RichText;

/// A placement list read into the window (personal data: held in memory only).
pub struct LoadedList {
    /// The file's name (no folder), to say which list is shown.
    pub file_name: String,
    /// Where it was read from (to keep a copy beside the scenario, if the officer chooses).
    pub path: std::path::PathBuf,
    /// What was read.
    pub list: PlacementList,
}

/// What the view keeps between frames.
#[derive(Default)]
pub struct MonitoringState {
    /// The list read, if any (set with [`MonitoringState::set_list`]).
    list: Option<LoadedList>,
    /// The end of the month of the list's latest start, worked out when it is read.
    latest_start_month_end: Option<Date>,
    /// The forecast's day as typed (dd/mm/yyyy); empty: the end of last month.
    pub as_at: String,
    /// Spend to date from the ledger as typed, £; empty: from the list.
    pub spend_to_date: String,
    /// The saving being added: which line (index into the choices), its name if "other", the
    /// year's start and the amount typed.
    new_saving: NewSaving,
    /// The budget by line as typed.
    line_budgets: LineBudgetsTyped,
    /// What was worked out for the scenario last drawn, kept until it or the inputs change.
    worked: Worked,
}

/// The forecast and the savings tracker as last worked out. The forecast reads the whole list
/// and the tracker projects the scenario once per saving: a frame redraws them, and works them out
/// again only when the scenario, the list, the day or the spend to date changes.
#[derive(Default)]
struct Worked {
    /// The scenario they were worked out for.
    scenario: Option<Scenario>,
    /// The forecast's day and spend to date, and the forecast made with them.
    forecast: Option<((Date, Option<f64>), MonthlyForecast)>,
    /// The savings tracked.
    tracker: Option<SavingsTracker>,
}

#[derive(Default)]
struct NewSaving {
    choice: usize,
    other_name: String,
    year: Option<crate::model::FinancialYear>,
    planned: String,
    /// Each saving's delivery as typed (empty: the model's), in the scenario's order.
    delivered: Vec<String>,
}

/// The lines' budgets as typed, for one financial year.
#[derive(Default)]
struct LineBudgetsTyped {
    year: Option<crate::model::FinancialYear>,
    typed: crate::model::ByPlacement<String>,
}

/// The end of the month before today: the day a month's forecast is usually made at.
fn end_of_last_month() -> Option<Date> {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs()
        / 86_400;
    let today = Date(i32::try_from(days).ok()?);
    today.month().map(|m| Date::end_of(m.plus_months(-1)))
}

/// A label and a one-line text box it names (for screen readers too).
fn labelled_text_ui(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str, width: f32) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(width),
    )
    .labelled_by(label.id);
}

/// The lines a saving can be tracked against: the levers pulled, the price levers in the
/// scenario, and "another saving".
fn saving_choices(scenario: &Scenario) -> Vec<SavingLine> {
    let mut lines: Vec<SavingLine> = LeverKind::ALL
        .into_iter()
        .filter(|kind| scenario.lever_is_pulled(*kind))
        .map(SavingLine::Lever)
        .collect();
    let price = &scenario.price_levers;
    if price.council_homes.is_some() {
        lines.push(SavingLine::CouncilHomes);
    }
    if price.block_contract.is_some() {
        lines.push(SavingLine::BlockContract);
    }
    if price.price_cap.is_some() {
        lines.push(SavingLine::PriceCap);
    }
    lines.push(SavingLine::Other(String::new()));
    lines
}

impl MonitoringState {
    /// The forecast's day: typed, or the end of last month, but no later than the end of the
    /// month of the list's latest start (an older list is forecast at the month it was made).
    pub fn as_at(&self) -> Option<Date> {
        if self.as_at.trim().is_empty() {
            self.default_as_at()
        } else {
            list_date(&self.as_at)
        }
    }

    fn default_as_at(&self) -> Option<Date> {
        let last_month = end_of_last_month()?;
        Some(
            self.latest_start_month_end
                .map_or(last_month, |latest| latest.min(last_month)),
        )
    }

    /// The list read, if any.
    pub fn list(&self) -> Option<&LoadedList> {
        self.list.as_ref()
    }

    /// Shows `list` from now on, in place of any other.
    pub fn set_list(&mut self, list: LoadedList) {
        self.latest_start_month_end = list
            .list
            .placements
            .iter()
            .map(|p| p.start)
            .max()
            .and_then(Date::month)
            .map(Date::end_of);
        self.list = Some(list);
        self.worked = Worked::default();
    }

    /// Forgets what was worked out for another scenario than `scenario`.
    fn follow(&mut self, scenario: &Scenario) {
        if self.worked.scenario.as_ref() != Some(scenario) {
            self.worked = Worked {
                scenario: Some(scenario.clone()),
                ..Worked::default()
            };
        }
    }

    /// The month's forecast, if a list is read and the day is a date.
    fn forecast(&mut self, scenario: &Scenario) -> Option<MonthlyForecast> {
        self.follow(scenario);
        let list = self.list.as_ref()?;
        let inputs = (self.as_at()?, parse_money(&self.spend_to_date));
        if let Some((worked_for, month)) = &self.worked.forecast
            && *worked_for == inputs
        {
            return Some(month.clone());
        }
        let month = monthly_forecast(scenario, &list.list.placements, inputs.0, inputs.1, None);
        self.worked.forecast = Some((inputs, month.clone()));
        Some(month)
    }

    /// The savings the scenario tracks.
    fn tracker(&mut self, scenario: &Scenario, projection: &Projection) -> SavingsTracker {
        self.follow(scenario);
        self.worked
            .tracker
            .get_or_insert_with(|| savings::track(scenario, projection))
            .clone()
    }

    /// Draws the view.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        projection: &Projection,
    ) -> Vec<Message> {
        let mut messages = Vec::new();
        egui::ScrollArea::vertical()
            .id_salt("budget_monitoring")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width() - 18.0);
                messages.extend(self.list_ui(ui, scenario));
                ui.add_space(6.0);
                if let Some(month) = self.forecast(scenario) {
                    messages.extend(forecast_ui(ui, scenario, projection, &month, self));
                }
                ui.add_space(10.0);
                ui.separator();
                messages.extend(self.savings_ui(ui, scenario, projection));
            });
        messages
    }

    /// The list: read one, what was read, and the day and spend to date to forecast with.
    fn list_ui(&mut self, ui: &mut egui::Ui, scenario: &Scenario) -> Vec<Message> {
        let mut messages = Vec::new();
        ui.label(
            "The year's forecast outturn from the council's placement list: spend to date, each \
             open placement's weekly cost to its end or 31 March, the new placements expected, \
             less income, against the budget.",
        );
        ui.horizontal(|ui| {
            let label = if self.list.is_some() {
                "Read another placement list…"
            } else {
                "Read the placement list…"
            };
            if ui.button(label).clicked() {
                messages.push(Message::AskForPath(DialogPurpose::ReadPlacementList));
            }
            ui.label(
                RichText::new(
                    "CSV or Excel; the list stays on this computer and the scenario keeps only \
                     totals.",
                )
                .weak(),
            );
        });
        let kept = scenario.monitoring.list_file.as_deref();
        let Some(loaded) = &self.list else {
            ui.label(
                "No placement list is read. The template and the columns it may have are in \
                 docs/outturn.md.",
            );
            // The latest forecast saved in the scenario, as it was saved.
            if let Some((current, previous)) =
                crate::model::outturn::latest_saved(&scenario.monitoring)
            {
                ui.add_space(6.0);
                ui.label(RichText::new("The latest saved forecast").strong());
                ui.add(egui::Label::new(words::saved_headline(current, previous)).wrap());
                let table = words::saved_table(current, previous);
                ui.label(RichText::new(&table.caption).strong());
                super::table::data_table_ui(ui, "saved_monitoring", &table, None);
            }
            if let Some(kept) = kept {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "A copy of the list is kept beside this scenario: {kept}."
                    ));
                    if ui.button(Message::ReadKeptPlacementList.label()).clicked() {
                        messages.push(Message::ReadKeptPlacementList);
                    }
                });
            }
            return messages;
        };
        let list = &loaded.list;
        ui.label(format!(
            "{}: {} rows read, {} placements kept, {} {}.",
            loaded.file_name,
            format::count(list.rows as f64),
            format::count(list.placements.len() as f64),
            format::count(list.findings.len() as f64),
            if list.findings.len() == 1 {
                "finding"
            } else {
                "findings"
            }
        ));
        ui.horizontal_wrapped(|ui| match kept {
            Some(kept) => {
                ui.label(format!("A copy is kept beside the scenario file: {kept}."));
            }
            None => {
                if ui
                    .button(Message::KeepPlacementListBeside.label())
                    .on_hover_text(
                        "The list is personal data: keep a copy only where the scenario file \
                             is stored securely. Otherwise the scenario keeps only totals.",
                    )
                    .clicked()
                {
                    messages.push(Message::KeepPlacementListBeside);
                }
            }
        });
        if !list.findings.is_empty() {
            egui::CollapsingHeader::new(format!("Rows to check ({})", list.findings.len()))
                .id_salt("list_findings")
                .show(ui, |ui| {
                    for finding in list.findings.iter().take(200) {
                        ui.label(format!(
                            "Row {}{}: {}",
                            finding.row,
                            finding.column.map_or(String::new(), |c| format!(", {c}")),
                            finding.what
                        ));
                    }
                    if list.findings.len() > 200 {
                        ui.label(format!(
                            "and {} more; care-levers forecast on the command line lists them \
                             all.",
                            list.findings.len() - 200
                        ));
                    }
                });
        }
        egui::Grid::new("forecast_inputs")
            .num_columns(2)
            .show(ui, |ui| {
                let hint = self.default_as_at().map_or(String::new(), |d| d.dfe());
                labelled_text_ui(
                    ui,
                    "Forecast at (dd/mm/yyyy)",
                    &mut self.as_at,
                    &hint,
                    110.0,
                );
                ui.end_row();
                labelled_text_ui(
                    ui,
                    "Spend to date from the ledger (£)",
                    &mut self.spend_to_date,
                    "from the list",
                    110.0,
                );
                ui.end_row();
            });
        if self.as_at().is_none() {
            ui.colored_label(
                style::OVERSPEND,
                format!("\"{}\" is not a date: type it as dd/mm/yyyy.", self.as_at),
            );
        }
        if !self.spend_to_date.trim().is_empty() && parse_money(&self.spend_to_date).is_none() {
            ui.colored_label(
                style::OVERSPEND,
                format!(
                    "\"{}\" is not an amount: spend to date is worked out from the list.",
                    self.spend_to_date
                ),
            );
        }
        messages
    }

    /// The year's budget by placement type, typed in (each line's box empty: no budget for it).
    fn line_budgets_ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        month: &MonthlyForecast,
    ) -> Vec<Message> {
        use crate::model::PlacementType;
        let year = month.forecast.financial_year;
        let entered = month.line_budgets_gbp;
        let as_text =
            |value: Option<f64>| value.map_or(String::new(), |v| format!("£{}", format::count(v)));
        let typed = &mut self.line_budgets;
        let editing = ui.ctx().memory(|m| m.focused().is_some());
        let differs = PlacementType::ALL
            .iter()
            .any(|p| parse_money(&typed.typed[*p]) != entered[*p]);
        if typed.year != Some(year) || (!editing && differs) {
            typed.year = Some(year);
            for p in PlacementType::ALL {
                typed.typed[p] = as_text(entered[p]);
            }
        }
        let mut changed = None;
        egui::CollapsingHeader::new(format!("Budget by line for {year}"))
            .id_salt("line_budgets")
            .show(ui, |ui| {
                ui.label(
                    "Give each placement type its budget, as the finance ledger has it: the table \
                     then shows each line's variance, and the budget not given to a line. The \
                     scenario's budget stays the total.",
                );
                egui::Grid::new("line_budget_boxes")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for p in PlacementType::ALL {
                            let label = ui.label(p.label());
                            let edit = ui
                                .add(
                                    egui::TextEdit::singleline(&mut typed.typed[p])
                                        .hint_text("no budget")
                                        .desired_width(110.0),
                                )
                                .labelled_by(label.id);
                            if edit.lost_focus() {
                                let value = parse_money(&typed.typed[p]).filter(|v| *v >= 0.0);
                                if value != entered[p] {
                                    changed = Some((p, value));
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        let Some((placement, value)) = changed else {
            return Vec::new();
        };
        let mut monitoring = scenario.monitoring.clone();
        let budgets = monitoring.line_budgets.entry(year).or_default();
        budgets[placement] = value;
        if PlacementType::ALL.iter().all(|p| budgets[*p].is_none()) {
            monitoring.line_budgets.remove(&year);
        }
        vec![Message::Edit(Edit::Monitoring(Box::new(monitoring)))]
    }

    /// The savings the budget assumed, tracked; adding, entering a delivery and taking out.
    fn savings_ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        projection: &Projection,
    ) -> Vec<Message> {
        let mut messages = Vec::new();
        let tracker = self.tracker(scenario, projection);
        ui.label(RichText::new("Savings tracked").heading());
        ui.label(words::savings_words(&tracker));
        let table = words::savings_table(&tracker);
        let mut monitoring = scenario.monitoring.clone();
        // The typed deliveries follow the scenario (after an undo, an edit or another file).
        let entered: Vec<String> = monitoring
            .savings
            .iter()
            .map(|s| {
                s.delivered_gbp
                    .map_or(String::new(), |d| format!("£{}", format::count(d)))
            })
            .collect();
        let typed = &self.new_saving.delivered;
        let editing = ui.ctx().memory(|m| m.focused().is_some());
        if typed.len() != entered.len()
            || (!editing
                && typed
                    .iter()
                    .zip(&entered)
                    .any(|(t, e)| parse_money(t) != parse_money(e)))
        {
            self.new_saving.delivered = entered;
        }
        let mut changed = false;
        if !tracker.rows.is_empty() {
            egui::Grid::new("savings_tracker")
                .striped(true)
                .spacing([14.0, 6.0])
                .show(ui, |ui| {
                    for heading in &table.header {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.label("");
                    ui.end_row();
                    for (i, row) in table.rows.iter().enumerate() {
                        let mut first_cell = None;
                        for (column, cell) in row.iter().enumerate() {
                            // The delivery column of a saving is typed in: empty for the model's.
                            if column == 3
                                && let Some(text) = self.new_saving.delivered.get_mut(i)
                            {
                                let line = words::saving_line(&tracker.rows[i].line);
                                let mut edit = ui.add(
                                    egui::TextEdit::singleline(text)
                                        .hint_text(cell)
                                        .desired_width(80.0),
                                );
                                if let Some(id) = first_cell {
                                    edit = edit.labelled_by(id);
                                }
                                let edit = edit.on_hover_text(format!(
                                    "Forecast delivery of {line}: type an amount, or leave \
                                     empty for the model's"
                                ));
                                if edit.lost_focus() {
                                    let entered = parse_money(text);
                                    if entered != monitoring.savings[i].delivered_gbp {
                                        monitoring.savings[i].delivered_gbp = entered;
                                        changed = true;
                                    }
                                }
                            } else {
                                let label = ui.label(cell);
                                if column == 0 {
                                    first_cell = Some(label.id);
                                }
                            }
                        }
                        if i < tracker.rows.len() {
                            let line = words::saving_line(&tracker.rows[i].line);
                            if ui
                                .button("Remove")
                                .on_hover_text(format!("Take out the saving from {line}"))
                                .clicked()
                            {
                                monitoring.savings.remove(i);
                                changed = true;
                            }
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        }
        ui.add_space(6.0);
        let choices = saving_choices(scenario);
        let new = &mut self.new_saving;
        new.choice = new.choice.min(choices.len().saturating_sub(1));
        let years: Vec<_> = projection.years.iter().map(|y| y.financial_year).collect();
        let Some(year) = new.year.or_else(|| years.first().copied()) else {
            return messages;
        };
        new.year = Some(year);
        ui.horizontal_wrapped(|ui| {
            ui.label("Add a saving:");
            let name = |line: &SavingLine| match line {
                SavingLine::Other(_) => "Another saving (name it)".to_string(),
                other => words::saving_line(other),
            };
            egui::ComboBox::from_id_salt("saving_line")
                .selected_text(choices.get(new.choice).map(name).unwrap_or_default())
                .show_ui(ui, |ui| {
                    for (i, line) in choices.iter().enumerate() {
                        ui.selectable_value(&mut new.choice, i, name(line));
                    }
                })
                .response
                .accessible_name("Saving from");
            let is_other = matches!(choices.get(new.choice), Some(SavingLine::Other(_)));
            if is_other {
                ui.add(
                    egui::TextEdit::singleline(&mut new.other_name)
                        .hint_text("the MTFS line")
                        .desired_width(160.0),
                );
            }
            egui::ComboBox::from_id_salt("saving_year")
                .selected_text(year.to_string())
                .show_ui(ui, |ui| {
                    for y in &years {
                        ui.selectable_value(&mut new.year, Some(*y), y.to_string());
                    }
                })
                .response
                .accessible_name("Saving in the year");
            labelled_text_ui(ui, "Planned £", &mut new.planned, "e.g. 250k", 90.0);
            let planned = parse_money(&new.planned).filter(|p| *p > 0.0);
            let named = !is_other || !new.other_name.trim().is_empty();
            if ui
                .add_enabled(planned.is_some() && named, egui::Button::new("Add saving"))
                .clicked()
                && let Some(planned) = planned
            {
                let line = match choices.get(new.choice) {
                    Some(SavingLine::Other(_)) | None => {
                        SavingLine::Other(new.other_name.trim().to_string())
                    }
                    Some(line) => line.clone(),
                };
                monitoring.savings.push(PlannedSaving {
                    line,
                    financial_year: year,
                    planned_gbp: planned,
                    delivered_gbp: None,
                });
                new.planned.clear();
                new.other_name.clear();
                changed = true;
            }
        });
        ui.label(
            RichText::new(
                "A lever's delivery is the model's: the scenario's net saving in the year less the \
                 same scenario's without that lever. Type a delivery to use the service's own \
                 forecast instead; another saving has none until one is typed.",
            )
            .weak(),
        );
        if changed {
            messages.push(Message::Edit(Edit::Monitoring(Box::new(monitoring))));
        }
        messages
    }
}

/// The forecast: headline, how it was made, the monitoring table, the chart, the high-cost
/// placements, and what to do with it.
fn forecast_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    projection: &Projection,
    month: &MonthlyForecast,
    state: &mut MonitoringState,
) -> Vec<Message> {
    let mut messages = Vec::new();
    let colour = match month.forecast.rag {
        Some(crate::model::outturn::Rag::Red) => style::OVERSPEND,
        _ => ui.visuals().strong_text_color(),
    };
    ui.add(egui::Label::new(RichText::new(words::headline(month)).strong().color(colour)).wrap());
    ui.add(egui::Label::new(words::method(month)).wrap());
    ui.add_space(4.0);
    let table = words::monitoring_table(month);
    ui.label(RichText::new(&table.caption).strong());
    super::table::data_table_ui(ui, "monitoring", &table, None);
    messages.extend(state.line_budgets_ui(ui, scenario, month));
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Save this month's forecast")
            .on_hover_text(
                "Keep its totals in the scenario (no placement, no child), so that next month's \
                 forecast shows the movement",
            )
            .clicked()
        {
            let mut monitoring: Monitoring = scenario.monitoring.clone();
            monitoring.save_snapshot(month.snapshot());
            messages.push(Message::Edit(Edit::Monitoring(Box::new(monitoring))));
        }
        if let Some(list) = &state.list
            && ui
                .button("Start a scenario from this list")
                .on_hover_text(
                    "A new scenario like this one, opening with the list's children by type and \
                     age and priced at what the council pays",
                )
                .clicked()
        {
            let (mut started, _) = scenario_from_list(scenario, &list.list.placements, month.as_at);
            started.name = format!("{} from the list at {}", scenario.name, month.as_at.dfe());
            messages.push(Message::CreateImported(Box::new(started)));
        }
    });
    // The scenario's year beside the forecast.
    if let Some(words) = words::beside_projection(month, scenario, projection) {
        ui.add(egui::Label::new(words).wrap());
    }
    ui.add_space(8.0);
    let chart = words::build_up_chart(month);
    ui.label(RichText::new(&chart.title).strong());
    ui.add(egui::Label::new(RichText::new(&chart.alt_text).weak()).wrap());
    super::plot::chart_ui(ui, "forecast_build_up", &chart, 280.0);
    egui::CollapsingHeader::new("Month by month")
        .id_salt("build_up_table")
        .show(ui, |ui| {
            super::table::data_table_ui(ui, "build_up", &chart.table, None);
        });
    ui.add_space(8.0);
    let high_cost = words::high_cost_table(month);
    ui.label(RichText::new(&high_cost.caption).strong());
    if !high_cost.rows.is_empty() {
        super::table::data_table_ui(ui, "high_cost", &high_cost, None);
    }
    messages
}
