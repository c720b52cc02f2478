//! What the central panel shows. Each view only draws data prepared elsewhere (the projection,
//! the bands, the pure series functions in [`series`]) and returns commands; none edits a
//! scenario itself. Adding a view means one variant in [`View`] and one arm in [`view_ui`], which
//! the tabs, meeting mode and image export all use.

pub mod charts;
pub mod compare;
pub mod guide;
pub mod neighbours;
pub mod outcome;
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
            let others = charts::Overlay::others(cx.workspace);
            let reference = states.similar_councils.reference_line(scenario);
            let used = charts::chart_in_words_ui(ui, "children", || {
                crate::report::chart::children_in_care(
                    scenario,
                    projection,
                    crate::report::format::Figures::Exact,
                )
            });
            charts::children_in_care_ui(
                ui,
                scenario,
                projection,
                &others,
                reference.as_ref(),
                cx.height - used,
            )
        }
        View::MoneyByYear => {
            let used = charts::chart_in_words_ui(ui, "money", || {
                crate::report::chart::spend_against_budget(scenario, projection)
            });
            charts::money_by_year_ui(ui, scenario, projection, cx.height - used)
        }
        View::SavingsAndPayback => {
            charts::savings_and_payback_ui(ui, scenario, projection, cx.height)
        }
        View::FosterCare => charts::foster_care_ui(ui, scenario, projection, cx.height),
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
        View::Uncertainty => {
            uncertainty::uncertainty_ui(ui, scenario, projection, cx.bands, cx.height)
        }
        View::Sensitivity => {
            commands.extend(states.sensitivity.ui(ui, scenario, cx.height));
        }
    }
    commands
}
