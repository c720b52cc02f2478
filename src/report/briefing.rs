//! A committee briefing as a document: headings, paragraphs, tables and charts in the words
//! councils use (docs/briefing.md). Built from the projection and the model's own checks; the
//! writers (`io::docx`) only lay it out. Prompts for the officer are marked as prompts: the
//! briefing never recommends.

use super::chart::{self, Chart, DataTable};
use super::format;

/// Papers give children to the nearest 5 (docs/briefing.md).
const PAPER: format::Figures = format::Figures::Paper;
use crate::model::monte_carlo::Bands;
use crate::model::{LeverKind, Projection, Scenario};

/// One block of the briefing, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading (level 1) or a sub-heading (level 2).
    Heading(u8, String),
    /// A paragraph.
    Paragraph(String),
    /// A paragraph set apart (the status line, what the range leaves out).
    Note(String),
    /// A prompt for the officer to replace with their own words.
    Prompt(String),
    /// A table with a caption and a header row.
    Table(DataTable),
    /// A chart: drawn from its series, captioned with its title, with its alt text; its data
    /// table follows it as its own block.
    Chart(Chart),
}

/// A briefing: its title, its blocks and the provenance footer.
#[derive(Clone, Debug, PartialEq)]
pub struct Briefing {
    /// The document's title (also its metadata title).
    pub title: String,
    /// The body.
    pub blocks: Vec<Block>,
    /// App version, file, its SHA-256, the data's date, draws and seed.
    pub footer: String,
}

/// What a briefing is made from.
pub struct BriefingInput<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its projection.
    pub projection: &'a Projection,
    /// Its Monte Carlo bands, if worked out.
    pub bands: Option<&'a Bands>,
    /// Other scenarios offered as options, with their projections.
    pub compared: Vec<(&'a Scenario, &'a Projection)>,
    /// The scenario file's name, as the officer knows it.
    pub file_name: String,
    /// The SHA-256 of the scenario file's bytes, in hex; none for a scenario never saved.
    pub file_sha256: Option<String>,
    /// The evidence library the levers are checked against.
    pub library: &'a crate::model::evidence::Library,
    /// England's councils' figures, for the council's statistical neighbours (none: the
    /// section is left out).
    pub council_data: Option<&'a crate::data::councils::CouncilData>,
}

fn option_row(name: &str, scenario: &Scenario, projection: &Projection) -> Vec<String> {
    let mut pulled: Vec<String> = LeverKind::ALL
        .into_iter()
        .filter(|&kind| scenario.lever_is_pulled(kind))
        .map(|kind| {
            format!(
                "{}: {}",
                kind.spec().label,
                format::lever_value(kind, scenario.levers.timing(kind).value)
            )
        })
        .collect();
    pulled.extend(price_levers_in_words(scenario));
    let capital = projection.total_capital_gbp();
    let invested = if capital > 0.0 {
        format!(
            "{} and {} capital",
            format::money(projection.total_investment_gbp()),
            format::money(capital)
        )
    } else {
        format::money(projection.total_investment_gbp())
    };
    let last = projection.last_month();
    vec![
        name.to_string(),
        if pulled.is_empty() {
            "none".into()
        } else {
            pulled.join("; ")
        },
        last.map_or("–".into(), |m| PAPER.children(m.looked_after)),
        format::money(projection.total_spend_gbp()),
        invested,
        format::net_saving(projection.total_net_saving_gbp()),
    ]
}

/// The price levers a scenario pulls, in a few words each: "council homes: 2 of 4 beds".
fn price_levers_in_words(scenario: &Scenario) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(homes) = &scenario.price_levers.council_homes {
        words.push(format!(
            "Council homes: {} of {} beds",
            homes.plan.homes, homes.plan.beds_per_home
        ));
    }
    if let Some(block) = &scenario.price_levers.block_contract {
        words.push(format!(
            "Block contract: {} beds for {} years",
            format::number(block.beds, 1),
            block.years
        ));
    }
    if let Some(cap) = &scenario.price_levers.price_cap {
        words.push(format!(
            "Price cap: {}% a year from {}",
            format::number(cap.max_growth_percent_per_year, 1),
            cap.from
        ));
    }
    words
}

/// What a lever costs, as the scenario assumes it.
fn lever_cost(s: &Scenario, kind: LeverKind) -> String {
    let l = &s.levers;
    match kind {
        LeverKind::EarlyHelp => format!("{} a year", format::money(l.early_help.value)),
        LeverKind::FrontDoor => format!(
            "{} a year",
            format::money(l.front_door.assumptions.annual_cost_gbp)
        ),
        LeverKind::FosterRecruitment => format!(
            "{} a recruit",
            format::money(l.foster_recruitment.assumptions.cost_per_recruit_gbp)
        ),
        LeverKind::ResidentialShare => format!(
            "{} a year",
            format::money(l.residential_share.assumptions.annual_cost_gbp)
        ),
        LeverKind::ResidentialStepDown => format!(
            "{} a child moved",
            format::money(l.residential_step_down.assumptions.cost_per_child_gbp)
        ),
        LeverKind::StepDown17 => format!(
            "{} a child moved",
            format::money(l.step_down_17.assumptions.cost_per_child_gbp)
        ),
        LeverKind::Permanence => format!(
            "{} an order",
            format::money(l.permanence.assumptions.cost_per_order_gbp)
        ),
    }
}

/// The briefing for `input`: its sections in the order of docs/briefing.md.
pub fn briefing(input: &BriefingInput<'_>) -> Briefing {
    let mut blocks = Vec::new();
    purpose(input, &mut blocks);
    key_figures(input, &mut blocks);
    charts(input, &mut blocks);
    let checks = options(input, &mut blocks);
    invest_to_save(input, &mut blocks);
    monitoring(input, &mut blocks);
    assumptions_and_evidence(input, &checks, &mut blocks);
    uncertainty(input, &mut blocks);
    outcome_and_neighbours(input, &mut blocks);
    prompts(&mut blocks);
    Briefing {
        title: format!("Children looked after: {}", input.scenario.name),
        blocks,
        footer: footer(input),
    }
}

/// Section 1: Purpose and status.
fn purpose(input: &BriefingInput<'_>, blocks: &mut Vec<Block>) {
    let s = input.scenario;
    let (start, end) = (s.start_month, s.end_month());
    blocks.push(Block::Paragraph(format!(
        "What the scenario \"{}\" projects for children looked after and placement spend from {} to {}, against doing nothing with the levers.",
        s.name,
        start.short_label(),
        end.short_label()
    )));
    blocks.push(Block::Note(
        "Scenario analysis to inform a report; not a recommendation. The figures are projections under the assumptions below, not predictions.".into(),
    ));
}

/// Section 2: Key figures: doing nothing, this scenario and the difference, in words (never a minus
/// sign on money).
fn key_figures(input: &BriefingInput<'_>, blocks: &mut Vec<Block>) {
    let p = input.projection;
    blocks.push(Block::Heading(1, "Key figures".into()));
    let first_year = p.years.first();
    let last = p.last_month();
    let mut rows = Vec::new();
    if let Some(last) = last {
        rows.push(vec![
            format!(
                "Children looked after, {}",
                chart::month_end_label(last.month)
            ),
            PAPER.children(last.baseline_looked_after),
            PAPER.children(last.looked_after),
            PAPER.children_change(last.looked_after - last.baseline_looked_after),
        ]);
    }
    if let Some(year) = first_year {
        let fy = year.financial_year;
        rows.push(vec![
            format!("Placement spend, {fy}"),
            format::money(year.baseline_spend_gbp),
            format::money(year.spend_gbp),
            format::money_change(year.spend_gbp - year.baseline_spend_gbp),
        ]);
        rows.push(vec![
            format!("Budget, {fy}"),
            format::budget(year.budget_gbp),
            format::budget(year.budget_gbp),
            "–".into(),
        ]);
        if year.budget_gbp.is_some() {
            rows.push(vec![
                format!("Overspend or underspend, {fy}"),
                format::overspend_or_none(year.baseline_overspend_gbp),
                format::overspend_or_none(year.overspend_gbp),
                "–".into(),
            ]);
        }
    }
    if let Some(last) = last {
        rows.push(vec![
            format!("Invested in the levers to {}", last.month.short_label()),
            format::money(0.0),
            format::money(last.cumulative_investment_gbp),
            format::money_change(last.cumulative_investment_gbp),
        ]);
        rows.push(vec![
            format!(
                "Net saving against doing nothing to {}",
                last.month.short_label()
            ),
            "–".into(),
            format::net_saving(last.cumulative_net_saving_gbp),
            "–".into(),
        ]);
    }
    rows.push(vec![
        "Payback".into(),
        "–".into(),
        format::payback(p.payback),
        "–".into(),
    ]);
    if let (Some(bands), Some(year)) = (input.bands, first_year)
        && let Some((_, chance)) = bands
            .overspend_probability
            .iter()
            .find(|(fy, _)| *fy == year.financial_year)
    {
        rows.push(vec![
            format!("Chance of overspending, {}", year.financial_year),
            "–".into(),
            format::percent(*chance),
            "–".into(),
        ]);
    }
    blocks.push(Block::Table(DataTable {
        caption: "Key figures: doing nothing, this scenario and the difference".into(),
        header: vec![
            "Figure".into(),
            "Doing nothing".into(),
            "This scenario".into(),
            "Difference".into(),
        ],
        rows,
    }));
}

/// Section 3: The charts, each with its data.
fn charts(input: &BriefingInput<'_>, blocks: &mut Vec<Block>) {
    let s = input.scenario;
    let p = input.projection;
    for (heading, chart) in [
        (
            "Children looked after",
            chart::children_in_care(s, p, PAPER),
        ),
        ("Spend against budget", chart::spend_against_budget(s, p)),
    ] {
        blocks.push(Block::Heading(1, heading.into()));
        let table = chart.table.clone();
        blocks.push(Block::Chart(chart));
        blocks.push(Block::Table(table));
    }
    // Why spend changes: volume, mix and price, where two whole years are projected.
    let change = chart::spend_change(s, p);
    if !change.table.rows.is_empty() {
        blocks.push(Block::Heading(1, "Why spend changes".into()));
        blocks.push(Block::Paragraph(format!(
            "Each year's change in placement spend from the year before, split into volume (more or fewer children in care, at last year's mix and prices), mix (a different mix of placement types, at last year's prices) and price (this year's children at this year's prices rather than last year's){}. The parts add up to the change. {}.",
            if change.series.iter().any(|s| s.role == chart::Role::Cause(chart::Cause::Grant)) {
                ", and the Home Office grant for unaccompanied asylum-seeking children"
            } else {
                ""
            },
            change.title
        )));
        blocks.push(Block::Table(change.table));
    }
}

/// Invest to save: each price lever's case (council homes, a block contract), where one is
/// pulled: the answer, what the evidence check found, the figures and the years.
fn invest_to_save(input: &BriefingInput<'_>, blocks: &mut Vec<Block>) {
    // Step-down appears here only with specialist carers (an enhanced fee, a retainer or
    // breakdowns): otherwise the options table says all there is, and the paper stays short.
    let a = &input.scenario.levers.residential_step_down.assumptions;
    let specialist = a.enhanced_fee_gbp_per_week > 0.0
        || a.retainer_gbp_per_year > 0.0
        || a.breakdown_percent > 0.0;
    let cases: Vec<_> = super::invest_to_save::cases(input.scenario, input.projection, input.bands)
        .into_iter()
        .filter(|case| case.lever != "residential_step_down" || specialist)
        .collect();
    if cases.is_empty() {
        return;
    }
    blocks.push(Block::Heading(1, "Invest to save".into()));
    blocks.push(Block::Paragraph(
        "Each lever on price set against doing nothing: the same children placed at the prices the projection expects. Capital is kept apart from revenue; the cost of borrowing it is in the net saving; today's value discounts at the Green Book's 3.5% a year.".into(),
    ));
    for case in cases {
        blocks.push(Block::Heading(2, case.heading.clone()));
        blocks.push(Block::Paragraph(case.answer.clone()));
        for finding in &case.findings {
            blocks.push(Block::Note(finding.clone()));
        }
        blocks.push(Block::Table(DataTable {
            caption: format!("{}: the case", case.heading),
            header: vec!["What".into(), "Figure".into()],
            rows: case
                .figures
                .iter()
                .map(|(what, figure)| vec![what.clone(), figure.clone()])
                .collect(),
        }));
        blocks.push(Block::Table(case.years));
    }
}

/// The finance officer's month, where the scenario keeps it: the latest saved forecast (its
/// headline, the budget-monitoring table, the high-cost placements) and the savings tracked.
/// Only totals are kept in a scenario, so nothing here can name a child.
fn monitoring(input: &BriefingInput<'_>, blocks: &mut Vec<Block>) {
    use super::outturn as words;
    if let Some((current, previous)) =
        crate::model::outturn::latest_saved(&input.scenario.monitoring)
    {
        blocks.push(Block::Heading(1, "Budget monitoring".into()));
        blocks.push(Block::Paragraph(words::saved_headline(current, previous)));
        blocks.push(Block::Table(words::saved_table(current, previous)));
        if !current.high_cost.is_empty() {
            blocks.push(Block::Table(words::saved_high_cost_table(current)));
        }
    }
    let tracker = crate::model::outturn::savings::track(input.scenario, input.projection);
    if !tracker.rows.is_empty() {
        blocks.push(Block::Heading(1, "Savings tracked".into()));
        blocks.push(Block::Paragraph(words::savings_words(&tracker)));
        blocks.push(Block::Table(words::savings_table(&tracker)));
    }
}

/// Section 4: Options: doing nothing, this scenario, the others offered and the evidence-based
/// version. Returns the evidence check of the scenario's levers.
fn options(
    input: &BriefingInput<'_>,
    blocks: &mut Vec<Block>,
) -> Vec<crate::model::evidence::LeverCheck> {
    let s = input.scenario;
    let p = input.projection;
    let end = s.end_month();
    blocks.push(Block::Heading(1, "Options".into()));
    let twin = s.do_nothing_twin();
    let twin_projection = crate::model::project(&twin);
    let mut option_rows = vec![
        option_row("Doing nothing", &twin, &twin_projection),
        option_row(&format!("This scenario: {}", s.name), s, p),
    ];
    for (other, projection) in &input.compared {
        option_rows.push(option_row(&other.name, other, projection));
    }
    let library = input.library;
    let checks = crate::model::evidence::check(s, library);
    if checks.iter().any(|c| c.exceeds) {
        let version = crate::model::evidence::evidence_based_version(s, library);
        let projection = crate::model::project(&version);
        option_rows.push(option_row(
            "Evidence-based version of this scenario",
            &version,
            &projection,
        ));
    }
    blocks.push(Block::Table(DataTable {
        caption: format!(
            "Options to {}: levers, children looked after at the end, spend, investment and net saving against doing nothing",
            end.short_label()
        ),
        header: vec![
            "Option".into(),
            "Levers pulled".into(),
            format!("Children looked after, {}", end.short_label()),
            "Placement spend".into(),
            "Invested".into(),
            "Net saving".into(),
        ],
        rows: option_rows,
    }));
    checks
}

/// Section 5: Assumptions and evidence: each lever pulled, its timing, cost and evidence.
fn assumptions_and_evidence(
    input: &BriefingInput<'_>,
    checks: &[crate::model::evidence::LeverCheck],
    blocks: &mut Vec<Block>,
) {
    let s = input.scenario;
    blocks.push(Block::Heading(1, "Assumptions and evidence".into()));
    if checks.is_empty() && input.scenario.price_levers.is_none() {
        blocks.push(Block::Paragraph(
            "No lever is pulled: the scenario is doing nothing.".into(),
        ));
    } else if checks.is_empty() {
        blocks.push(Block::Paragraph(
            "No lever on the number of children is pulled; the levers on price, and what the evidence says of them, are under Invest to save.".into(),
        ));
    } else {
        let rows = checks
            .iter()
            .map(|check| {
                let kind = check.lever;
                let timing = s.levers.timing(kind);
                vec![
                    kind.spec().label.to_string(),
                    format::lever_value(kind, timing.value),
                    format::lever_timing(&timing),
                    lever_cost(s, kind),
                    // The lever is named in the first column: its words start after the name.
                    {
                        let words = super::evidence::check_words(check);
                        let named = format!("{}. ", kind.spec().label);
                        words
                            .strip_prefix(&named)
                            .map(str::to_string)
                            .unwrap_or(words)
                    },
                ]
            })
            .collect();
        blocks.push(Block::Table(DataTable {
            caption: "Levers pulled: value, timing, cost and the evidence for their effect".into(),
            header: vec![
                "Lever".into(),
                "Value".into(),
                "Timing".into(),
                "Cost".into(),
                "Evidence".into(),
            ],
            rows,
        }));
    }
}

/// The uncertainty in words, and what the range leaves out.
fn uncertainty(input: &BriefingInput<'_>, blocks: &mut Vec<Block>) {
    let last = input.projection.last_month();
    match (input.bands, last) {
        (Some(bands), Some(last)) => {
            if let Some(band) = bands.looked_after.last() {
                let mut words = format!(
                    "Uncertainty: the projection gives about {} children looked after at {}. In {} simulated futures, which also vary how far each lever is delivered, the middle one has {} and 8 in 10 lie between {} and {}.",
                    PAPER.children(last.looked_after),
                    chart::month_end_label(last.month),
                    format::count_of_draws(bands.draws),
                    PAPER.children(band.p50),
                    PAPER.children(band.p10),
                    PAPER.children(band.p90)
                );
                if last.looked_after < band.p10 || last.looked_after > band.p90 {
                    words.push_str(
                        " The projection lies outside that range: it assumes every lever delivers in full, which the evidence behind the levers makes unlikely.",
                    );
                }
                blocks.push(Block::Paragraph(words));
            }
        }
        _ => blocks.push(Block::Paragraph("Uncertainty: no range calculated.".into())),
    }
    blocks.push(Block::Note(
        format!(
            "The range covers chance month to month, the uncertain assumptions' ranges and how far each lever is delivered{}. It leaves out {}changes in policy and law, in court timescales, and errors in the data.",
            if input.scenario.costs.price_growth_percent_per_year.is_some() {
                ", with placement prices growing faster or slower than projected"
            } else {
                ""
            },
            if input.scenario.costs.price_growth_percent_per_year.is_some() {
                ""
            } else {
                "changes in prices beyond the inflation assumption, "
            }
        ),
    ));
}

/// Section 6: Plan against outcome; similar councils.
fn outcome_and_neighbours(input: &BriefingInput<'_>, blocks: &mut Vec<Block>) {
    let s = input.scenario;
    let p = input.projection;
    let outcome = crate::model::outcome::plan_against_outcome(s, p, input.bands);
    let in_projection: Vec<_> = outcome
        .into_iter()
        .filter(|r| r.planned.is_some())
        .collect();
    if !in_projection.is_empty() {
        blocks.push(Block::Heading(1, "Plan against outcome".into()));
        blocks.push(Block::Table(super::outcome::outcome_table(
            &in_projection,
            PAPER,
            true,
            false,
        )));
    }
    if let Some(code) = &s.council
        && let Some(data) = input.council_data
        && let Ok(comparison) =
            data.compare_with_neighbours(code, crate::model::neighbours::Measure::LookedAfterRate)
    {
        blocks.push(Block::Heading(1, "Similar councils".into()));
        blocks.push(Block::Paragraph(super::neighbours::gap_words(
            &comparison,
            None,
        )));
    }
}

/// Section 7: Prompts for the officer: the briefing never recommends.
fn prompts(blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading(1, "For the officer to complete".into()));
    for prompt in [
        "Recommendation: the officer's recommendation, in their own words.",
        "Legal implications.",
        "Equality impact.",
        "Risks and who owns them.",
    ] {
        blocks.push(Block::Prompt(format!("[Prompt] {prompt}")));
    }
}

/// The provenance footer: app version, file and its SHA-256, start, draws and seed.
fn footer(input: &BriefingInput<'_>) -> String {
    let start = input.scenario.start_month;
    format!(
        "Made by Care Levers {} from {}{}; projection from {}; {}.",
        env!("CARGO_PKG_VERSION"),
        input.file_name,
        match &input.file_sha256 {
            Some(hash) => format!(" (file's SHA-256 {hash})"),
            None => String::new(),
        },
        start.short_label(),
        match input.bands {
            Some(bands) => format!("{} draws, seed {}", bands.draws, bands.seed),
            None => "no Monte Carlo draws".into(),
        }
    )
}
