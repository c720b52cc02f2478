//! What the central panel shows. Each view only draws data prepared elsewhere (the projection,
//! the bands, and `report`'s charts and tables, drawn by `plot.rs` and `table.rs`) and returns
//! messages; none edits a scenario itself. Adding a view means one variant in [`View`]
//! (`app/view.rs`) and one arm in [`view_ui`], which the tabs, meeting mode and image export all
//! use.

pub mod charts;
pub mod compare;
pub mod guide;
pub mod invest_to_save;
pub mod monitoring;
pub mod neighbours;
pub mod outcome;
pub mod plot;
pub mod presentation;
pub mod sensitivity;
pub mod start;
pub use crate::report::series;
pub mod table;
pub mod uncertainty;

pub use super::view::View;
use super::workspace::Workspace;
use crate::app::message::Message;
use crate::model::Bands;
use crate::report::chart::Chart;

/// What a view draws from.
pub struct ViewContext<'a> {
    /// The open scenarios (the active one is drawn; others may be overlaid or compared).
    pub workspace: &'a Workspace,
    /// The active scenario's Monte Carlo bands, and whether they are current.
    pub bands: Option<(&'a Bands, bool)>,
    /// Height available for the chart, in points.
    pub height: f32,
}

/// State a view keeps between frames.
#[derive(Default)]
pub struct ViewStates {
    /// The sensitivity view's tornado and goal-seek settings.
    pub sensitivity: sensitivity::SensitivityState,
    /// The similar councils view's measure and comparisons.
    pub similar_councils: neighbours::SimilarCouncilsState,
    /// The money view's lower chart.
    pub money_lower: MoneyLower,
    /// The budget monitoring view's placement list and forecast day.
    pub monitoring: monitoring::MonitoringState,
}

/// What the money view shows under spend against budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MoneyLower {
    /// Each year's change in spend by cause: volume, mix, price (docs/model.md 3.6).
    #[default]
    ChangeInSpend,
    /// The net saving against doing nothing.
    NetSaving,
}

/// Draws `view`. The one place that knows which function draws which view.
pub fn view_ui(
    ui: &mut egui::Ui,
    view: View,
    cx: &ViewContext<'_>,
    states: &mut ViewStates,
) -> Vec<Message> {
    let document = cx.workspace.active();
    let (scenario, projection) = (&document.scenario, document.last_projection());
    let mut commands = Vec::new();
    match view {
        View::ChildrenInCare => {
            let reference = states.similar_councils.reference_line(scenario);
            let chart = children_chart(cx.workspace, reference);
            let used = charts::chart_in_words_ui(ui, "children", &chart);
            plot::chart_ui(ui, "children_in_care", &chart, cx.height - used);
        }
        View::MoneyByYear => {
            let view_top = ui.cursor().top();
            let spend = crate::report::chart::spend_against_budget(scenario, projection);
            let used = charts::chart_in_words_ui(ui, "money", &spend);
            // Two thirds of the height for spend, the rest (less its heading) for the saving.
            let spend_height = ((cx.height - used) * 0.64).max(110.0);
            plot::chart_ui(ui, "money_by_year", &spend, spend_height);
            ui.horizontal(|ui| {
                let lower = &mut states.money_lower;
                ui.selectable_value(
                    lower,
                    MoneyLower::ChangeInSpend,
                    "Change in spend: volume, mix and price",
                );
                ui.selectable_value(
                    lower,
                    MoneyLower::NetSaving,
                    "Net saving against doing nothing",
                );
            });
            let chart = match states.money_lower {
                MoneyLower::ChangeInSpend => {
                    crate::report::chart::spend_change(scenario, projection)
                }
                MoneyLower::NetSaving => {
                    crate::report::chart::net_saving_by_year(scenario, projection)
                }
            };
            ui.label(egui::RichText::new(&chart.title).strong());
            let left = charts::remaining_height(ui, view_top, cx.height, 8.0);
            plot::chart_ui(ui, "money_lower", &chart, left.max(80.0));
        }
        View::SavingsAndPayback => {
            let chart = crate::report::chart::savings_and_payback(scenario, projection);
            let used = charts::chart_in_words_ui(ui, "savings", &chart);
            plot::chart_ui(ui, "savings_and_payback", &chart, cx.height - used);
        }
        View::FosterCare => {
            let chart = crate::report::chart::foster_care(
                scenario,
                projection,
                crate::report::format::Figures::Exact,
            );
            let used = charts::chart_in_words_ui(ui, "foster", &chart);
            plot::chart_ui(ui, "foster_care", &chart, cx.height - used);
        }
        View::Table => table::years_table_ui(ui, projection),
        View::PlanAgainstOutcome => {
            outcome::plan_against_outcome_ui(ui, scenario, projection, cx.bands)
        }
        View::Compare => commands.extend(compare::compare_ui(ui, cx.workspace, cx.height)),
        View::SimilarCouncils => {
            if let Some(children) = states.similar_councils.ui(ui, scenario, cx.height) {
                states
                    .sensitivity
                    .seek_children(children, scenario.end_month());
                commands.push(Message::ShowView(View::Sensitivity));
            }
        }
        View::InvestToSave => commands.extend(invest_to_save::invest_to_save_ui(
            ui, scenario, projection, cx.bands,
        )),
        View::BudgetMonitoring => {
            commands.extend(states.monitoring.ui(ui, scenario, projection));
        }
        View::Uncertainty => {
            uncertainty::uncertainty_ui(ui, scenario, projection, cx.bands, cx.height)
        }
        View::Sensitivity => {
            commands.extend(states.sensitivity.ui(ui, scenario, cx.height));
        }
    }
    commands
}

/// The children in care chart of the active scenario, with every other open scenario chosen
/// for comparison drawn over it and, where asked for, a reference level (name, children).
pub fn children_chart(workspace: &Workspace, reference: Option<(String, f64)>) -> Chart {
    let document = workspace.active();
    let (scenario, projection) = (&document.scenario, document.last_projection());
    let mut chart = crate::report::chart::children_in_care(
        scenario,
        projection,
        crate::report::format::Figures::Exact,
    );
    for other in workspace
        .documents()
        .iter()
        .filter(|d| d.id != document.id && d.shown_in_comparison)
    {
        let looked_after = series::monthly(other.last_projection(), |m| m.looked_after);
        crate::report::chart::add_comparison(
            &mut chart,
            &other.display_name(),
            other.colour_index,
            series::offset_points(
                scenario.start_month,
                other.scenario.start_month,
                &looked_after,
            ),
        );
    }
    if let Some((name, level)) = reference {
        crate::report::chart::add_reference(&mut chart, &name, level);
    }
    chart
}
