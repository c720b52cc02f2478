//! The numbers in each lever's own assumptions (its effect, cost or timing), as one catalogue:
//! their paths in files and `--set`, their names in the window, and how to read and set them.

use super::levers::{LeverKind, Levers};

/// A number in a lever's own assumptions: its effect, cost or timing. One catalogue for the
/// window's fields, validation, limits and the evidence library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeverParameter {
    /// Early help's most cut in entries, %.
    EarlyHelpMaxCut,
    /// Early help's £ per family helped.
    EarlyHelpCostPerFamily,
    /// Early help's families helped a year at half the maximum cut.
    EarlyHelpFamiliesAtHalfEffect,
    /// Months from early help's money to fewer entries.
    EarlyHelpLag,
    /// The front door's running cost, £ a year.
    FrontDoorAnnualCost,
    /// £ per extra foster carer household recruited.
    RecruitmentCostPerRecruit,
    /// The residential-share lever's running cost, £ a year.
    ResidentialShareAnnualCost,
    /// £ per child stepped down from residential to foster care.
    ResidentialStepDownCostPerChild,
    /// £ a week enhanced fee for each child stepped down.
    ResidentialStepDownEnhancedFee,
    /// Months on the enhanced fee.
    ResidentialStepDownEnhancedMonths,
    /// £ a year of retainers for specialist carers.
    ResidentialStepDownRetainer,
    /// % of step-downs that break down.
    ResidentialStepDownBreakdown,
    /// % of 17-year-olds stepped down who go home.
    StepDown17HomePercent,
    /// £ per 17-year-old stepped down.
    StepDown17CostPerChild,
    /// £ per special guardianship order.
    PermanenceCostPerOrder,
}

impl LeverParameter {
    /// Every lever parameter, lever by lever in [`LeverKind::ALL`] order.
    pub const ALL: [LeverParameter; 15] = [
        LeverParameter::EarlyHelpMaxCut,
        LeverParameter::EarlyHelpCostPerFamily,
        LeverParameter::EarlyHelpFamiliesAtHalfEffect,
        LeverParameter::EarlyHelpLag,
        LeverParameter::FrontDoorAnnualCost,
        LeverParameter::RecruitmentCostPerRecruit,
        LeverParameter::ResidentialShareAnnualCost,
        LeverParameter::ResidentialStepDownCostPerChild,
        LeverParameter::ResidentialStepDownEnhancedFee,
        LeverParameter::ResidentialStepDownEnhancedMonths,
        LeverParameter::ResidentialStepDownRetainer,
        LeverParameter::ResidentialStepDownBreakdown,
        LeverParameter::StepDown17HomePercent,
        LeverParameter::StepDown17CostPerChild,
        LeverParameter::PermanenceCostPerOrder,
    ];

    /// The lever it belongs to.
    pub fn lever(self) -> LeverKind {
        match self {
            LeverParameter::EarlyHelpMaxCut
            | LeverParameter::EarlyHelpCostPerFamily
            | LeverParameter::EarlyHelpFamiliesAtHalfEffect
            | LeverParameter::EarlyHelpLag => LeverKind::EarlyHelp,
            LeverParameter::FrontDoorAnnualCost => LeverKind::FrontDoor,
            LeverParameter::RecruitmentCostPerRecruit => LeverKind::FosterRecruitment,
            LeverParameter::ResidentialShareAnnualCost => LeverKind::ResidentialShare,
            LeverParameter::ResidentialStepDownCostPerChild
            | LeverParameter::ResidentialStepDownEnhancedFee
            | LeverParameter::ResidentialStepDownEnhancedMonths
            | LeverParameter::ResidentialStepDownRetainer
            | LeverParameter::ResidentialStepDownBreakdown => LeverKind::ResidentialStepDown,
            LeverParameter::StepDown17HomePercent | LeverParameter::StepDown17CostPerChild => {
                LeverKind::StepDown17
            }
            LeverParameter::PermanenceCostPerOrder => LeverKind::Permanence,
        }
    }

    /// The field's name in the lever's `assumptions`.
    pub fn key(self) -> &'static str {
        match self {
            LeverParameter::EarlyHelpMaxCut => "max_entry_reduction_percent",
            LeverParameter::EarlyHelpCostPerFamily => "cost_per_family_gbp",
            LeverParameter::EarlyHelpFamiliesAtHalfEffect => "families_at_half_effect",
            LeverParameter::EarlyHelpLag => "lag_months",
            LeverParameter::FrontDoorAnnualCost | LeverParameter::ResidentialShareAnnualCost => {
                "annual_cost_gbp"
            }
            LeverParameter::RecruitmentCostPerRecruit => "cost_per_recruit_gbp",
            LeverParameter::ResidentialStepDownCostPerChild
            | LeverParameter::StepDown17CostPerChild => "cost_per_child_gbp",
            LeverParameter::StepDown17HomePercent => "home_percent",
            LeverParameter::PermanenceCostPerOrder => "cost_per_order_gbp",
            LeverParameter::ResidentialStepDownEnhancedFee => "enhanced_fee_gbp_per_week",
            LeverParameter::ResidentialStepDownEnhancedMonths => "enhanced_months",
            LeverParameter::ResidentialStepDownRetainer => "retainer_gbp_per_year",
            LeverParameter::ResidentialStepDownBreakdown => "breakdown_percent",
        }
    }

    /// The field's path in files and `--set`, e.g. "levers.early_help.assumptions.lag_months".
    pub fn path(self) -> String {
        format!(
            "levers.{}.assumptions.{}",
            self.lever().spec().key,
            self.key()
        )
    }

    /// Its name in the window.
    pub fn label(self) -> &'static str {
        match self {
            LeverParameter::EarlyHelpMaxCut => "Most it can cut entries by",
            LeverParameter::EarlyHelpCostPerFamily => "Cost per family helped",
            LeverParameter::EarlyHelpFamiliesAtHalfEffect => "Families helped at half effect",
            LeverParameter::EarlyHelpLag => "Months until entries fall",
            LeverParameter::FrontDoorAnnualCost | LeverParameter::ResidentialShareAnnualCost => {
                "Running cost"
            }
            LeverParameter::RecruitmentCostPerRecruit => "Cost per recruit",
            LeverParameter::ResidentialStepDownCostPerChild
            | LeverParameter::StepDown17CostPerChild => "Cost per child moved",
            LeverParameter::StepDown17HomePercent => "Share who go home",
            LeverParameter::PermanenceCostPerOrder => "Cost per order",
            LeverParameter::ResidentialStepDownEnhancedFee => "Specialist carer's extra fee",
            LeverParameter::ResidentialStepDownEnhancedMonths => "Months on the extra fee",
            LeverParameter::ResidentialStepDownRetainer => "Retainers for specialist carers",
            LeverParameter::ResidentialStepDownBreakdown => "Moves that break down",
        }
    }

    /// True for the numbers a library programme sets, so changing one by hand marks the lever
    /// as edited.
    pub fn set_by_programme(self) -> bool {
        match self {
            LeverParameter::EarlyHelpMaxCut
            | LeverParameter::EarlyHelpCostPerFamily
            | LeverParameter::EarlyHelpFamiliesAtHalfEffect
            | LeverParameter::EarlyHelpLag => true,
            LeverParameter::FrontDoorAnnualCost
            | LeverParameter::RecruitmentCostPerRecruit
            | LeverParameter::ResidentialShareAnnualCost
            | LeverParameter::ResidentialStepDownCostPerChild
            | LeverParameter::ResidentialStepDownEnhancedFee
            | LeverParameter::ResidentialStepDownEnhancedMonths
            | LeverParameter::ResidentialStepDownRetainer
            | LeverParameter::ResidentialStepDownBreakdown
            | LeverParameter::StepDown17HomePercent
            | LeverParameter::StepDown17CostPerChild
            | LeverParameter::PermanenceCostPerOrder => false,
        }
    }

    /// The value in `levers`.
    pub fn get(self, levers: &Levers) -> f64 {
        match self {
            LeverParameter::EarlyHelpMaxCut => {
                levers.early_help.assumptions.max_entry_reduction_percent
            }
            LeverParameter::EarlyHelpCostPerFamily => {
                levers.early_help.assumptions.cost_per_family_gbp
            }
            LeverParameter::EarlyHelpFamiliesAtHalfEffect => {
                levers.early_help.assumptions.families_at_half_effect
            }
            LeverParameter::EarlyHelpLag => f64::from(levers.early_help.assumptions.lag_months),
            LeverParameter::FrontDoorAnnualCost => levers.front_door.assumptions.annual_cost_gbp,
            LeverParameter::RecruitmentCostPerRecruit => {
                levers.foster_recruitment.assumptions.cost_per_recruit_gbp
            }
            LeverParameter::ResidentialShareAnnualCost => {
                levers.residential_share.assumptions.annual_cost_gbp
            }
            LeverParameter::ResidentialStepDownCostPerChild => {
                levers.residential_step_down.assumptions.cost_per_child_gbp
            }
            LeverParameter::ResidentialStepDownEnhancedFee => {
                levers
                    .residential_step_down
                    .assumptions
                    .enhanced_fee_gbp_per_week
            }
            LeverParameter::ResidentialStepDownEnhancedMonths => {
                f64::from(levers.residential_step_down.assumptions.enhanced_months)
            }
            LeverParameter::ResidentialStepDownRetainer => {
                levers
                    .residential_step_down
                    .assumptions
                    .retainer_gbp_per_year
            }
            LeverParameter::ResidentialStepDownBreakdown => {
                levers.residential_step_down.assumptions.breakdown_percent
            }
            LeverParameter::StepDown17HomePercent => levers.step_down_17.assumptions.home_percent,
            LeverParameter::StepDown17CostPerChild => {
                levers.step_down_17.assumptions.cost_per_child_gbp
            }
            LeverParameter::PermanenceCostPerOrder => {
                levers.permanence.assumptions.cost_per_order_gbp
            }
        }
    }

    /// Sets the value in `levers` (whole months are rounded).
    pub fn set(self, levers: &mut Levers, value: f64) {
        match self {
            LeverParameter::EarlyHelpMaxCut => {
                levers.early_help.assumptions.max_entry_reduction_percent = value;
            }
            LeverParameter::EarlyHelpCostPerFamily => {
                levers.early_help.assumptions.cost_per_family_gbp = value;
            }
            LeverParameter::EarlyHelpFamiliesAtHalfEffect => {
                levers.early_help.assumptions.families_at_half_effect = value;
            }
            LeverParameter::EarlyHelpLag => {
                levers.early_help.assumptions.lag_months = value.round().max(0.0) as u32;
            }
            LeverParameter::FrontDoorAnnualCost => {
                levers.front_door.assumptions.annual_cost_gbp = value
            }
            LeverParameter::RecruitmentCostPerRecruit => {
                levers.foster_recruitment.assumptions.cost_per_recruit_gbp = value;
            }
            LeverParameter::ResidentialShareAnnualCost => {
                levers.residential_share.assumptions.annual_cost_gbp = value;
            }
            LeverParameter::ResidentialStepDownCostPerChild => {
                levers.residential_step_down.assumptions.cost_per_child_gbp = value;
            }
            LeverParameter::ResidentialStepDownEnhancedFee => {
                levers
                    .residential_step_down
                    .assumptions
                    .enhanced_fee_gbp_per_week = value;
            }
            LeverParameter::ResidentialStepDownEnhancedMonths => {
                levers.residential_step_down.assumptions.enhanced_months =
                    value.round().max(0.0) as u32;
            }
            LeverParameter::ResidentialStepDownRetainer => {
                levers
                    .residential_step_down
                    .assumptions
                    .retainer_gbp_per_year = value;
            }
            LeverParameter::ResidentialStepDownBreakdown => {
                levers.residential_step_down.assumptions.breakdown_percent = value;
            }
            LeverParameter::StepDown17HomePercent => {
                levers.step_down_17.assumptions.home_percent = value
            }
            LeverParameter::StepDown17CostPerChild => {
                levers.step_down_17.assumptions.cost_per_child_gbp = value;
            }
            LeverParameter::PermanenceCostPerOrder => {
                levers.permanence.assumptions.cost_per_order_gbp = value;
            }
        }
    }

    /// The parameters of one lever, in catalogue order.
    pub fn of(kind: LeverKind) -> impl Iterator<Item = LeverParameter> {
        LeverParameter::ALL
            .into_iter()
            .filter(move |parameter| parameter.lever() == kind)
    }
}
