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

use super::command::Command;
use super::workspace::Workspace;
use crate::app::message::Message;
use crate::model::Bands;

/// Which chart (or the table) the central panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum View {
    /// Children in care by month, stacked by placement type.
    ChildrenInCare,
    /// Spend against budget by financial year, with overspend and net saving.
    MoneyByYear,
    /// Cumulative net saving against cumulative investment, with payback.
    SavingsAndPayback,
    /// In-house foster capacity against need, and IFA use.
    FosterCare,
    /// The financial-year table.
    Table,
    /// Counted figures beside the plan and doing nothing.
    PlanAgainstOutcome,
    /// Several scenarios side by side.
    Compare,
    /// The council beside its statistical neighbours and England.
    SimilarCouncils,
    /// Monte Carlo bands and probabilities.
    Uncertainty,
    /// The tornado chart and goal seek.
    Sensitivity,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 10] = [
        View::ChildrenInCare,
        View::MoneyByYear,
        View::SavingsAndPayback,
        View::FosterCare,
        View::Table,
        View::PlanAgainstOutcome,
        View::Compare,
        View::SimilarCouncils,
        View::Uncertainty,
        View::Sensitivity,
    ];

    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            View::ChildrenInCare => "Children in care",
            View::MoneyByYear => "Money by year",
            View::SavingsAndPayback => "Savings and payback",
            View::FosterCare => "Foster care",
            View::Table => "Table",
            View::PlanAgainstOutcome => "Plan against outcome",
            View::Compare => "Compare",
            View::SimilarCouncils => "Similar councils",
            View::Uncertainty => "Uncertainty",
            View::Sensitivity => "Sensitivity",
        }
    }

    /// The chart's title, as it would head a slide or a figure in a paper.
    pub fn title(self) -> &'static str {
        match self {
            View::ChildrenInCare => "Children in care by month, by placement",
            View::MoneyByYear => "Placement spend against budget by financial year",
            View::SavingsAndPayback => "Cumulative net saving against cumulative investment",
            View::FosterCare => "Foster care: in-house places against need",
            View::Table => "Financial years",
            View::PlanAgainstOutcome => {
                "Plan against outcome: what was counted, beside the projection"
            }
            View::Compare => "Scenarios compared",
            View::SimilarCouncils => "How do we compare with councils like us?",
            View::Uncertainty => "How sure are we? 1,000 draws of the uncertain assumptions",
            View::Sensitivity => "What matters most, and what would it take?",
        }
    }
}

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
                commands.push(Command::ShowView(View::Sensitivity).into());
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
