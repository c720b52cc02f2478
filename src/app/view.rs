//! Which chart (or table) the central panel shows: a leaf that commands, messages, views and
//! settings name without importing the views themselves.

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
    /// Price levers' invest-to-save cases: council homes, block contracts.
    InvestToSave,
    /// The year's forecast outturn from the placement list, and savings tracked.
    BudgetMonitoring,
    /// Monte Carlo bands and probabilities.
    Uncertainty,
    /// The tornado chart and goal seek.
    Sensitivity,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 12] = [
        View::ChildrenInCare,
        View::MoneyByYear,
        View::SavingsAndPayback,
        View::FosterCare,
        View::Table,
        View::PlanAgainstOutcome,
        View::Compare,
        View::SimilarCouncils,
        View::InvestToSave,
        View::BudgetMonitoring,
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
            View::InvestToSave => "Invest to save",
            View::BudgetMonitoring => "Budget monitoring",
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
            View::InvestToSave => "Is it worth it? Council homes and block contracts",
            View::BudgetMonitoring => {
                "Budget monitoring: the year's forecast outturn, and savings tracked"
            }
            View::Uncertainty => "How sure are we? 1,000 draws of the uncertain assumptions",
            View::Sensitivity => "What matters most, and what would it take?",
        }
    }
}
