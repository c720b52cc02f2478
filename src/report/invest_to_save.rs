//! "Is it worth it?": the invest-to-save case of each price lever (council homes, a block
//! contract) in words and tables, the same in the window, the briefing and the exports
//! (docs/model.md 10). The figures are the model's ([`crate::model::price_levers::Cases`]).

use super::chart::DataTable;
use super::format;
use crate::model::price_evidence::{PriceLeverFinding, Severity};
use crate::model::price_levers::{BlockCase, CaseYear, Cases, HomesCase};
use crate::model::{Bands, FinancialYear, Projection, Scenario};

/// One price lever's case, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseReport {
    /// The lever, by its key in files: "council_homes", "block_contract", "price_cap" or
    /// "residential_step_down".
    pub lever: &'static str,
    /// Its heading, e.g. "Two council homes, 8 beds".
    pub heading: String,
    /// The answer in a sentence or two: does it pay, by when, and at what risk.
    pub answer: String,
    /// The key figures: (what, figure), e.g. ("Break-even occupancy", "68% of beds").
    pub figures: Vec<(String, String)>,
    /// Year by year: beds filled, what doing nothing costs (fees avoided), the lever's cost and
    /// the net saving.
    pub years: DataTable,
    /// What the evidence check found, in sentences (a flag starts "Beyond the evidence:").
    pub findings: Vec<String>,
}

/// Every pulled price lever's case; empty when none is pulled.
pub fn cases(
    scenario: &Scenario,
    projection: &Projection,
    bands: Option<&Bands>,
) -> Vec<CaseReport> {
    let cases = Cases::of(scenario, projection);
    let findings = crate::model::price_evidence::check(scenario);
    let words = |lever: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.lever() == lever)
            .map(|&f| finding_words(f))
            .collect()
    };
    let mut out = Vec::new();
    if let (Some(case), Some(homes)) = (&cases.council_homes, &scenario.price_levers.council_homes)
    {
        let payback_chances = bands.map_or(&[][..], |b| &b.homes_payback_probability[..]);
        let mut report = homes_report(case, homes, scenario, payback_chances);
        report.findings = words("Council homes");
        out.push(report);
    }
    if let Some(case) = &cases.block_contract {
        let mut report = block_report(case, scenario);
        report.findings = words("Block contract");
        out.push(report);
    }
    if let Some(case) = &cases.step_down {
        out.push(step_down_report(case, scenario));
    }
    if let (Some(case), Some(cap)) = (&cases.price_cap, &scenario.price_levers.price_cap) {
        let mut report = cap_report(case, cap, scenario);
        report.findings = words("Price cap");
        out.push(report);
    }
    out
}

fn step_down_report(
    case: &crate::model::price_levers::StepDownCase,
    scenario: &Scenario,
) -> CaseReport {
    let a = &scenario.levers.residential_step_down.assumptions;
    let horizon = horizon_words(scenario);
    let answer = capitalise(&format!(
        "{horizon} stepping children down from residential care leaves {} fewer in children's \
         homes by the end and {}: {} less on placements against {} of transition support, \
         enhanced fees and retainers{}.",
        format::number(case.fewer_in_residential_at_end, 0),
        if case.net_saving_gbp >= 0.0 {
            format!("saves {}", format::money(case.net_saving_gbp))
        } else {
            format!(
                "costs {} more than it saves",
                format::money(-case.net_saving_gbp)
            )
        },
        format::money(case.placement_saving_gbp),
        format::money(case.cost_gbp),
        case.payback.map_or(String::new(), |m| format!(
            "; it has paid for itself from {}",
            m.short_label()
        ))
    ));
    let mut figures = vec![
        (
            "Stepped down".to_string(),
            format::lever_value(
                crate::model::LeverKind::ResidentialStepDown,
                scenario.levers.residential_step_down.value,
            ),
        ),
        (
            "Specialist carer's extra fee".to_string(),
            if a.enhanced_fee_gbp_per_week > 0.0 {
                format!(
                    "{} a week for {} months",
                    weekly(a.enhanced_fee_gbp_per_week),
                    a.enhanced_months
                )
            } else {
                "none".to_string()
            },
        ),
        (
            "Moves that break down".to_string(),
            format::percent(a.breakdown_percent / 100.0),
        ),
        (
            "Placement saving".to_string(),
            format::money(case.placement_saving_gbp),
        ),
        (
            "Cost of the programme".to_string(),
            format::money(case.cost_gbp),
        ),
        (
            "Net saving".to_string(),
            format::net_saving(case.net_saving_gbp),
        ),
    ];
    figures.push((
        "Pays for itself from".to_string(),
        case.payback
            .map_or(format!("not {horizon}"), |m| m.short_label()),
    ));
    CaseReport {
        lever: "residential_step_down",
        heading: "Step-down to specialist foster care".to_string(),
        answer,
        figures,
        years: DataTable {
            caption: "Step-down by financial year".to_string(),
            header: vec![
                "Financial year".to_string(),
                "Placement\nsaving".to_string(),
                "Programme\ncost".to_string(),
                "Net\nsaving".to_string(),
            ],
            rows: case
                .years
                .iter()
                .map(|(year, saving, cost, net)| {
                    vec![
                        year.to_string(),
                        format::money(*saving),
                        format::money(*cost),
                        if *net < 0.0 {
                            format!("net cost {}", format::money(-net))
                        } else {
                            format::money(*net)
                        },
                    ]
                })
                .collect(),
        },
        findings: Vec::new(),
    }
}

fn cap_report(
    case: &crate::model::price_levers::CapCase,
    cap: &crate::model::scenario::PriceCap,
    scenario: &Scenario,
) -> CaseReport {
    let horizon = horizon_words(scenario);
    let agencies = if cap.agency_fostering {
        " and fostering agencies"
    } else {
        ""
    };
    let answer = capitalise(&format!(
        "{horizon} holding private children's homes'{agencies} prices to a rise of {}% a year \
         from {} saves {}. By the end their prices are {} below the scenario's{}.",
        format::number(cap.max_growth_percent_per_year, 1),
        cap.from,
        format::money(case.saving_gbp),
        format::percent(case.residential_cut_percent / 100.0),
        if cap.agency_fostering {
            format!(
                " ({} for agencies)",
                format::percent(case.agency_cut_percent / 100.0)
            )
        } else {
            String::new()
        }
    ));
    CaseReport {
        lever: "price_cap",
        heading: "A cap on external prices".to_string(),
        answer,
        figures: vec![
            (
                "Cap".to_string(),
                format!(
                    "at most {}% a year from {}",
                    format::number(cap.max_growth_percent_per_year, 1),
                    cap.from
                ),
            ),
            (
                "Children's home places bought from private providers".to_string(),
                format::percent(cap.residential_external_percent / 100.0),
            ),
            ("Saving".to_string(), format::money(case.saving_gbp)),
            (
                "Children's homes' prices below the scenario's by the end".to_string(),
                format::percent(case.residential_cut_percent / 100.0),
            ),
            (
                "Agencies' prices below the scenario's by the end".to_string(),
                if cap.agency_fostering {
                    format::percent(case.agency_cut_percent / 100.0)
                } else {
                    "not capped".to_string()
                },
            ),
        ],
        years: DataTable {
            caption: "Price cap by financial year".to_string(),
            header: vec!["Financial year".to_string(), "Saving".to_string()],
            rows: case
                .years
                .iter()
                .map(|(year, saving)| vec![year.to_string(), format::money(*saving)])
                .collect(),
        },
        findings: Vec::new(),
    }
}

/// A finding of the evidence check in a sentence or two.
pub fn finding_words(finding: PriceLeverFinding) -> String {
    let text = match finding {
        PriceLeverFinding::NoRegistrationTime { full_from_day_one } => format!(
            "The plan places children from its first month{}. A new home must first be \
             registered by Ofsted: 17 weeks on average c.2023, six to 18 months from late 2025 \
             for applications without priority; Hillingdon's savings waited on its homes' \
             registration.",
            if full_from_day_one {
                ", every bed full from day one"
            } else {
                ""
            }
        ),
        PriceLeverFinding::OccupancyAboveStudied { percent } => format!(
            "The plan fills {} of beds once steady, more than the {} at which council homes' \
             costs were studied (NCERCC 2020): children are matched to homes, and beds stand \
             empty between them.",
            format::percent(percent / 100.0),
            format::percent(crate::model::price_evidence::STUDIED_OCCUPANCY_PERCENT / 100.0)
        ),
        PriceLeverFinding::OwnCostBelowFee {
            own_gbp_per_week,
            fee_gbp_per_week,
        } => format!(
            "The homes' running cost comes to {} a week for each filled bed, below the {} fee \
             each avoids. Council business cases compare running costs with fees so \
             (Derbyshire: £3,642 against £6,744); priced on an equivalent basis council homes \
             cost 20% more than independent ones (£4,750 against £3,970 a week, NCERCC 2020). \
             Check that the running cost carries management, overheads and cover.",
            weekly(own_gbp_per_week),
            weekly(fee_gbp_per_week)
        ),
        PriceLeverFinding::BlockAlwaysFull => "The plan fills every bed all contract long: a \
             block contract's beds are paid for filled or empty."
            .to_string(),
        PriceLeverFinding::CapBeyondMargins {
            residential_cut_percent,
            agency_cut_percent,
        } => format!(
            "By the end the cap holds external prices {} below the scenario's for children's \
             homes{}: more than providers' average margins (23% for children's homes, 19% for \
             fostering agencies, CMA 2021), so providers would leave the market or refuse \
             placements rather than lose money.",
            format::percent(residential_cut_percent / 100.0),
            if agency_cut_percent > 0.0 {
                format!(
                    " and {} for fostering agencies",
                    format::percent(agency_cut_percent / 100.0)
                )
            } else {
                String::new()
            }
        ),
        PriceLeverFinding::DiscountAboveMargins { percent } => format!(
            "The plan buys beds {} below the spot price, more than children's home providers' \
             average margin ({}, CMA 2021): the average provider would lose money on them.",
            format::percent(percent / 100.0),
            format::percent(crate::model::price_evidence::PROVIDER_MARGIN_PERCENT / 100.0)
        ),
    };
    match finding.severity() {
        Severity::Flag => format!("Beyond the evidence: {text}"),
        Severity::Caution => format!("Check: {text}"),
    }
}

/// A weekly price to the pound: "£4,284".
fn weekly(pounds: f64) -> String {
    format!("£{}", format::number(pounds, 0))
}

/// A share of beds as users read it: "68% of beds", or "never" when no occupancy would do.
fn occupancy(share: f64) -> String {
    if share.is_finite() && share <= 1.0 {
        format!("{} of beds", format::percent(share))
    } else {
        "never, even full".to_string()
    }
}

fn homes_report(
    case: &HomesCase,
    homes: &crate::model::scenario::CouncilHomes,
    scenario: &Scenario,
    payback_chances: &[(FinancialYear, f64)],
) -> CaseReport {
    let plan = &homes.plan;
    let horizon = horizon_words(scenario);
    let last_chance = payback_chances.last();
    let payback = match case.payback {
        Some(month) => format!(
            "The homes pay back their {} of capital by {}",
            format::money(case.capital_gbp),
            month.short_label()
        ),
        None => format!(
            "The homes do not pay back their {} of capital {horizon}",
            format::money(case.capital_gbp)
        ),
    };
    let risk = last_chance.map_or(String::new(), |(year, chance)| {
        format!(
            " In {} of the Monte Carlo's draws of occupancy and registration they have paid back by the end of {year}.",
            format::percent(*chance)
        )
    });
    let answer = format!(
        "{payback}; {horizon} they save {} after the cost of borrowing ({} at today's value, \
         capital counted when spent). They break even at {} full.{risk}",
        format::net_saving(case.net_saving_gbp),
        format::net_saving(case.net_present_value_gbp),
        occupancy(case.break_even_occupancy),
    );
    let mut figures = vec![
        (
            "Homes".to_string(),
            format!(
                "{} of {} beds ({} beds), {}",
                plan.homes,
                plan.beds_per_home,
                format::count(case.beds),
                homes.children_from.label()
            ),
        ),
        (
            "Opens".to_string(),
            format!(
                "capital spent {}, registered {}, full to {} over {} months",
                homes.start.short_label(),
                homes.registered().short_label(),
                occupancy(case.planned_occupancy),
                plan.ramp_months
            ),
        ),
        ("Capital".to_string(), format::money(case.capital_gbp)),
        (
            "What doing nothing costs (fees for the same children)".to_string(),
            format::money(case.fees_avoided_gbp),
        ),
        (
            "Running cost".to_string(),
            format::money(case.running_cost_gbp),
        ),
        (
            format!(
                "Cost of capital ({}% over {} years)",
                format::number(plan.borrowing_rate_percent, 2),
                plan.repayment_years
            ),
            format::money(case.capital_charge_gbp),
        ),
        (
            "Saving before the cost of capital".to_string(),
            format::net_saving(case.saving_before_capital_gbp),
        ),
        (
            "Net saving".to_string(),
            format::net_saving(case.net_saving_gbp),
        ),
        (
            "At today's value (Green Book 3.5%)".to_string(),
            format::net_saving(case.net_present_value_gbp),
        ),
        (
            "Break-even occupancy".to_string(),
            format!(
                "{} ({} before the cost of capital)",
                occupancy(case.break_even_occupancy),
                occupancy(case.break_even_occupancy_before_capital)
            ),
        ),
        (
            "Payback of the capital".to_string(),
            case.payback
                .map_or(format!("not {horizon}"), |m| m.short_label()),
        ),
    ];
    for (year, chance) in payback_chances {
        figures.push((
            format!("Chance of having paid back by the end of {year}"),
            format::percent(*chance),
        ));
    }
    CaseReport {
        lever: "council_homes",
        heading: format!(
            "{} council home{}, {} beds",
            capitalise(&number_word(plan.homes)),
            if plan.homes == 1 { "" } else { "s" },
            format::count(case.beds)
        ),
        answer,
        figures,
        years: years_table(
            "Council homes by financial year",
            "Running and\ncapital cost",
            &case.years,
        ),
        findings: Vec::new(),
    }
}

fn block_report(case: &BlockCase, scenario: &Scenario) -> CaseReport {
    let horizon = horizon_words(scenario);
    let answer = format!(
        "{horizon} the block contract {} ({} of it paid for empty beds). It saves only while \
         more than {} of its beds are filled.",
        if case.net_saving_gbp >= 0.0 {
            format!("saves {}", format::money(case.net_saving_gbp))
        } else {
            format!(
                "costs {} more than spot purchases",
                format::money(-case.net_saving_gbp)
            )
        },
        format::money(case.voids_gbp),
        format::percent(case.break_even_filled)
    );
    let answer = capitalise(&answer);
    CaseReport {
        lever: "block_contract",
        heading: format!("A block contract, {} beds", format::count(case.beds)),
        answer,
        figures: vec![
            (
                "What doing nothing costs (spot prices for the same children)".to_string(),
                format::money(case.fees_avoided_gbp),
            ),
            ("Contract cost".to_string(), format::money(case.cost_gbp)),
            (
                "Paid for empty beds".to_string(),
                format::money(case.voids_gbp),
            ),
            (
                "Net saving".to_string(),
                format::net_saving(case.net_saving_gbp),
            ),
            (
                "Break-even share of beds filled".to_string(),
                format::percent(case.break_even_filled),
            ),
        ],
        years: years_table(
            "Block contract by financial year",
            "Contract\ncost",
            &case.years,
        ),
        findings: Vec::new(),
    }
}

/// "over the five years to March 2030".
fn horizon_words(scenario: &Scenario) -> String {
    format!(
        "over the {} years to {}",
        number_word(scenario.horizon_years),
        scenario.end_month().short_label()
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// Small whole numbers in words, as a paper writes them ("two homes").
fn number_word(n: u32) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

fn years_table(caption: &str, cost_heading: &str, years: &[CaseYear]) -> DataTable {
    DataTable {
        caption: caption.to_string(),
        header: vec![
            "Financial year".to_string(),
            "Beds filled\n(average)".to_string(),
            "Fees avoided\n(doing nothing)".to_string(),
            cost_heading.to_string(),
            "Net\nsaving".to_string(),
        ],
        rows: years
            .iter()
            .map(|y| {
                vec![
                    y.financial_year.to_string(),
                    format::number(y.beds_filled, 1),
                    format::money(y.fees_avoided_gbp),
                    format::money(y.cost_gbp),
                    // In words, never a minus sign: "net cost £386k".
                    if y.net_saving_gbp < 0.0 {
                        format!("net cost {}", format::money(-y.net_saving_gbp))
                    } else {
                        format::money(y.net_saving_gbp)
                    },
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derbyshire(name: &str) -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("saved_scenarios")
            .join(name);
        crate::io::scenario_file::load(&path)
            .expect("the shipped Derbyshire example")
            .scenario
    }

    #[test]
    fn the_homes_case_answers_in_words_and_adds_up_by_year() {
        let s = derbyshire("derbyshire_2025_council_homes.ron");
        let projection = crate::model::project(&s);
        let reports = cases(&s, &projection, None);
        assert_eq!(reports.len(), 1);
        let homes = &reports[0];
        assert_eq!(homes.heading, "Two council homes, 8 beds");
        assert!(
            homes.answer.contains("pay back their £3.0m of capital by"),
            "{}",
            homes.answer
        );
        assert!(homes.answer.contains("break even at"), "{}", homes.answer);
        assert_eq!(homes.years.rows.len(), 5);
        // The running cost per filled bed is below the fee: a caution, not a flag.
        assert_eq!(homes.findings.len(), 1);
        assert!(
            homes.findings[0].starts_with("Check:"),
            "{:?}",
            homes.findings
        );
    }

    #[test]
    fn a_block_contract_that_loses_money_says_so() {
        let s = derbyshire("derbyshire_2025_block_contract.ron");
        let projection = crate::model::project(&s);
        let reports = cases(&s, &projection, None);
        assert_eq!(reports.len(), 1);
        let block = &reports[0];
        assert!(
            block
                .answer
                .starts_with("Over the five years to Mar 2030 the block contract costs"),
            "{}",
            block.answer
        );
        assert!(
            block.answer.contains("more than 92% of its beds"),
            "{}",
            block.answer
        );
        assert!(block.findings.is_empty());
    }
}
