//! The evidence check for the price levers (docs/model.md 10; each figure checked in its source
//! in docs/research/price_lever_evidence.md): a plan's
//! assumptions about council homes and block contracts beside what councils and studies found.
//! A flag means the plan assumes more than any published figure supports; a caution, that the
//! published evidence points the other way and the council should check its own figure.

use super::scenario::Scenario;

/// The occupancy at which NCERCC and Revolution Consulting costed local-authority children's
/// homes (CYP Now, 20 February 2020; an assumption of the study, as of the CMA's): a plan above
/// it assumes fuller homes than the studies of their costs did. No official occupancy rate of
/// council homes is published (Ofsted counts homes and places only).
pub const STUDIED_OCCUPANCY_PERCENT: f64 = 85.0;

/// Children's home providers' average profit margin, % of their fees (CMA, children's social
/// care market study, interim report October 2021: 23% for children's homes at an average
/// £3,830 a week; 19% for fostering agencies): a block discount beyond it would leave the
/// average provider losing money on the beds.
pub const PROVIDER_MARGIN_PERCENT: f64 = 23.0;

/// Fostering agencies' average profit margin, % of their fees (CMA, interim report October
/// 2021: 19% at about £820 a week).
pub const AGENCY_MARGIN_PERCENT: f64 = 19.0;

/// How a finding reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Severity {
    /// The plan assumes more than any published figure supports.
    Flag,
    /// Published evidence points the other way: the council should check its figure.
    Caution,
}

/// One finding of the check (in words: `report::invest_to_save`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum PriceLeverFinding {
    /// Council homes place children from their first month: no time to be registered. With
    /// `full_from_day_one`, every bed is full at once too.
    NoRegistrationTime {
        /// No ramp and 100% occupancy as well.
        full_from_day_one: bool,
    },
    /// Council homes' steady occupancy (%) above [`STUDIED_OCCUPANCY_PERCENT`].
    OccupancyAboveStudied {
        /// The plan's steady occupancy, %.
        percent: f64,
    },
    /// Council homes' running cost per filled bed a week below the fee avoided: what council
    /// business cases show, while studies of full costs found council homes dearer.
    OwnCostBelowFee {
        /// £ a week: the running cost a year over filled bed-weeks at steady occupancy.
        own_gbp_per_week: f64,
        /// £ a week: the external fee avoided.
        fee_gbp_per_week: f64,
    },
    /// A block contract with every bed filled all contract long.
    BlockAlwaysFull,
    /// A block contract's discount (%) above [`PROVIDER_MARGIN_PERCENT`].
    DiscountAboveMargins {
        /// The plan's discount, %.
        percent: f64,
    },
    /// A price cap that by the end takes more off providers' prices than their margins: above
    /// [`PROVIDER_MARGIN_PERCENT`] for children's homes or [`AGENCY_MARGIN_PERCENT`] for
    /// fostering agencies.
    CapBeyondMargins {
        /// How far below the scenario's own prices residential prices end, %.
        residential_cut_percent: f64,
        /// The same for agency fostering, %.
        agency_cut_percent: f64,
    },
}

impl PriceLeverFinding {
    /// How it reads.
    pub fn severity(self) -> Severity {
        match self {
            PriceLeverFinding::OwnCostBelowFee { .. } => Severity::Caution,
            _ => Severity::Flag,
        }
    }

    /// The lever it is about, in words.
    pub fn lever(self) -> &'static str {
        match self {
            PriceLeverFinding::NoRegistrationTime { .. }
            | PriceLeverFinding::OccupancyAboveStudied { .. }
            | PriceLeverFinding::OwnCostBelowFee { .. } => "Council homes",
            PriceLeverFinding::BlockAlwaysFull | PriceLeverFinding::DiscountAboveMargins { .. } => {
                "Block contract"
            }
            PriceLeverFinding::CapBeyondMargins { .. } => "Price cap",
        }
    }
}

/// Checks the scenario's price levers; empty when none is pulled or nothing is found.
pub fn check(s: &Scenario) -> Vec<PriceLeverFinding> {
    let mut out = Vec::new();
    if let Some(homes) = &s.price_levers.council_homes {
        let plan = &homes.plan;
        if plan.months_to_registration == 0 {
            out.push(PriceLeverFinding::NoRegistrationTime {
                full_from_day_one: plan.ramp_months == 0 && plan.steady_occupancy_percent >= 100.0,
            });
        }
        if plan.steady_occupancy_percent > STUDIED_OCCUPANCY_PERCENT {
            out.push(PriceLeverFinding::OccupancyAboveStudied {
                percent: plan.steady_occupancy_percent,
            });
        }
        let filled_bed_weeks = plan.beds() * (plan.steady_occupancy_percent / 100.0) * 365.25 / 7.0;
        if filled_bed_weeks > 0.0 {
            let own = plan.annual_running_cost_gbp() / filled_bed_weeks;
            if own < plan.external_fee_gbp_per_week {
                out.push(PriceLeverFinding::OwnCostBelowFee {
                    own_gbp_per_week: own,
                    fee_gbp_per_week: plan.external_fee_gbp_per_week,
                });
            }
        }
    }
    if let Some(block) = &s.price_levers.block_contract {
        if block.filled_percent >= 100.0 {
            out.push(PriceLeverFinding::BlockAlwaysFull);
        }
        if block.discount_percent > PROVIDER_MARGIN_PERCENT {
            out.push(PriceLeverFinding::DiscountAboveMargins {
                percent: block.discount_percent,
            });
        }
    }
    if let Some(cap) = &s.price_levers.price_cap {
        let end = s.end_month();
        let residential = crate::model::price_levers::cap_cut_percent(
            s,
            crate::model::PlacementType::Residential,
            end,
        );
        let agency = if cap.agency_fostering {
            crate::model::price_levers::cap_cut_percent(s, crate::model::PlacementType::Ifa, end)
        } else {
            0.0
        };
        if residential > PROVIDER_MARGIN_PERCENT || agency > AGENCY_MARGIN_PERCENT {
            out.push(PriceLeverFinding::CapBeyondMargins {
                residential_cut_percent: residential,
                agency_cut_percent: agency,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_homes(registration: u32, ramp: u32, occupancy: f64) -> Scenario {
        let mut s = crate::io::scenario_file::norfolk_2014().expect("the shipped Norfolk scenario");
        s.price_levers.council_homes = Some(crate::model::scenario::CouncilHomes {
            start: s.start_month,
            children_from: Default::default(),
            plan: crate::model::council_homes::HomesPlan {
                homes: 2,
                beds_per_home: 4,
                capital_per_home_gbp: 1_500_000.0,
                months_to_registration: registration,
                ramp_months: ramp,
                steady_occupancy_percent: occupancy,
                running_cost_per_home_gbp_per_year: 1_300_000.0,
                external_fee_gbp_per_week: 6_000.0,
                borrowing_rate_percent: 5.5,
                repayment_years: 40,
            },
            occupancy_range_percent: crate::model::scenario::CouncilHomes::default_occupancy_range(
                occupancy,
            ),
            registration_delay_months:
                crate::model::scenario::CouncilHomes::DEFAULT_REGISTRATION_DELAY,
        });
        s
    }

    #[test]
    fn a_plan_full_from_day_one_is_flagged() {
        let findings = check(&with_homes(0, 0, 100.0));
        assert!(findings.contains(&PriceLeverFinding::NoRegistrationTime {
            full_from_day_one: true
        }));
        assert!(findings.contains(&PriceLeverFinding::OccupancyAboveStudied { percent: 100.0 }));
        assert!(findings.iter().all(|f| f.lever() == "Council homes"));
    }

    #[test]
    fn a_plan_with_registration_a_ramp_and_85_percent_is_not_flagged() {
        // £1.3m a year for 6.8 filled beds is £3,676 a week... below the £6,000 fee: a caution
        // only.
        let findings = check(&with_homes(9, 6, 85.0));
        assert!(
            findings.iter().all(|f| f.severity() == Severity::Caution),
            "{findings:?}"
        );
    }

    #[test]
    fn a_block_contract_never_empty_or_below_cost_is_flagged() {
        let mut s = crate::io::scenario_file::norfolk_2014().expect("the shipped Norfolk scenario");
        s.price_levers.block_contract = Some(crate::model::scenario::BlockContract {
            start: s.start_month,
            years: 5,
            beds: 10.0,
            discount_percent: 30.0,
            filled_percent: 100.0,
            filled_range_percent: None,
        });
        let findings = check(&s);
        assert_eq!(
            findings,
            vec![
                PriceLeverFinding::BlockAlwaysFull,
                PriceLeverFinding::DiscountAboveMargins { percent: 30.0 }
            ]
        );
    }

    #[test]
    fn the_checks_rest_on_studies_in_the_library() {
        use crate::model::evidence::{Library, PriceLeverKind};
        let library = Library::shipped().expect("the shipped library");
        let says = |kind: PriceLeverKind, words: &str| {
            library
                .price_studies_for(kind)
                .any(|study| study.figures.contains(words))
        };
        assert!(says(PriceLeverKind::CouncilHomes, "85% occupancy"));
        assert!(says(PriceLeverKind::CouncilHomes, "17 weeks"));
        assert!(says(
            PriceLeverKind::BlockContract,
            "23% operating profit margin"
        ));
        assert_eq!(STUDIED_OCCUPANCY_PERCENT, 85.0);
        assert_eq!(PROVIDER_MARGIN_PERCENT, 23.0);
        for study in &library.price_studies {
            assert!(!study.sources.is_empty(), "{}", study.id);
            for source in &study.sources {
                assert!(source.link.starts_with("http"), "{}", study.id);
            }
        }
    }
}
