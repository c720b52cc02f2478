//! The evidence library: published evaluations of programmes, as lever parameters, and the
//! evidence check of a plan against them.
//!
//! The library is data (`assets/evidence/library.ron`, compiled in); `docs/evidence.md` explains
//! each figure and how it became a parameter. A programme acts on one lever: early help's
//! effect is children kept out of care per 100 families helped, with a cost per family; every
//! other lever's effect is in the lever's own unit (e.g. % fewer entries).

use super::scenario::{
    DEFAULT_FAMILIES_PER_ENTRY_AT_HALF_EFFECT, EarlyHelpAssumptions, FRONT_DOOR_COST_PER_ENTRY_GBP,
    LeverKind, LeverParameter, Range, Scenario, V1_COST_PER_FAMILY_GBP, limit_for,
};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The library as shipped.
const LIBRARY: &str = include_str!("../../assets/evidence/library.ron");

/// Every programme in the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Library {
    /// The programmes, in the order listed.
    pub programmes: Vec<Programme>,
    /// Studies and council cases behind the price levers (council homes, block contracts,
    /// step-down fostering, price caps): their figures, as published, and how strong they are.
    /// The price levers' evidence check ([`super::price_evidence`]) rests on them. Optional.
    #[serde(default)]
    pub price_studies: Vec<PriceStudy>,
}

/// What a price lever acts through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceLeverKind {
    /// The council's own children's homes.
    CouncilHomes,
    /// Beds bought on a block contract.
    BlockContract,
    /// Children stepped down from residential care to specialist foster care (not yet a lever
    /// of the app: the studies are kept for when it is).
    StepDownFostering,
    /// A cap on providers' prices or profits (not yet a lever of the app).
    PriceCap,
}

impl PriceLeverKind {
    /// Every kind, in the order listed.
    pub const ALL: [PriceLeverKind; 4] = [
        PriceLeverKind::CouncilHomes,
        PriceLeverKind::BlockContract,
        PriceLeverKind::StepDownFostering,
        PriceLeverKind::PriceCap,
    ];

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            PriceLeverKind::CouncilHomes => "Council children's homes",
            PriceLeverKind::BlockContract => "Block contracts",
            PriceLeverKind::StepDownFostering => "Step-down to specialist foster care",
            PriceLeverKind::PriceCap => "Price and profit caps",
        }
    }
}

/// A study or council case behind a price lever.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceStudy {
    /// Its id.
    pub id: String,
    /// The lever it informs.
    pub lever: PriceLeverKind,
    /// Its name, e.g. "Derbyshire: five council homes".
    pub name: String,
    /// Its figures as published, in a sentence or two.
    pub figures: String,
    /// How strong it is (a council's own claim, an independent study, official statistics).
    pub strength: String,
    /// How the app uses it.
    pub used_for: String,
    /// Where the figures come from.
    pub sources: Vec<Source>,
}

/// One programme and what its evaluation found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// Its id in scenario files and `--set levers.KEY.programme=ID`.
    pub id: String,
    /// Its name, e.g. "Family group conferences at pre-proceedings".
    pub name: String,
    /// The lever it acts on.
    pub lever: LeverKind,
    /// One sentence: what it is and what its evaluation found.
    pub summary: String,
    /// The effect found, in the lever's effect unit ([`Programme::effect_unit`]).
    pub effect: Effect,
    /// Months from the start of the programme to its effect (early help: its lag; other levers:
    /// the months to full effect).
    pub months_to_effect: u32,
    /// What it costs, if published.
    pub cost: Option<Cost>,
    /// Early help only: families helped a year, for each child entering care a year, at which
    /// the effect is half its most (the reach the evaluation's figures support). None: the
    /// model's default ([`DEFAULT_FAMILIES_PER_ENTRY_AT_HALF_EFFECT`]).
    #[serde(default)]
    pub families_per_entry_at_half_effect: Option<f64>,
    /// True for the programme the evidence-based version of a plan uses for this lever, and a
    /// council's default early help: the lever's strongest positive evidence from England.
    #[serde(default)]
    pub reference: bool,
    /// How it was evaluated.
    pub evidence: Evidence,
    /// How each figure became the model's parameter.
    pub parameters: String,
    /// Where the figures come from.
    pub sources: Vec<Source>,
}

/// An effect with its range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    /// The central value.
    pub central: f64,
    /// The low end of the range the evidence supports.
    pub low: f64,
    /// The high end.
    pub high: f64,
    /// Whether the evaluation found an effect.
    pub finding: Finding,
    /// The evaluation's own figures, in words.
    pub measured: String,
}

/// What an evaluation found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Finding {
    /// A statistically significant effect.
    Significant,
    /// No statistically significant effect.
    NoSignificantEffect,
    /// The effect was not measured (no evaluation of it was found).
    NotTested,
}

impl Finding {
    /// In users' words.
    pub fn words(self) -> &'static str {
        match self {
            Finding::Significant => "found an effect",
            Finding::NoSignificantEffect => "found no significant effect",
            Finding::NotTested => "no evaluation measured the effect",
        }
    }
}

/// A published cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    /// £ per unit.
    pub gbp: f64,
    /// The unit, e.g. "family".
    pub per: String,
    /// The year of the prices, e.g. "2022-23".
    pub price_year: String,
    /// What the figure covers.
    pub note: String,
}

/// How a programme was evaluated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The design.
    pub design: Design,
    /// Its strength, in words.
    pub strength: String,
    /// Who was studied.
    pub sample: String,
    /// Where and when.
    pub where_when: String,
}

/// An evaluation's design, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Design {
    /// Randomised controlled trial of families or children.
    Rct,
    /// Randomised controlled trial of groups (schools, councils).
    ClusterRct,
    /// Quasi-experimental: a matched or statistical comparison group.
    Qed,
    /// Before and after in the councils that ran it, or against similar councils.
    BeforeAfter,
    /// Associations in data across councils, with no programme assigned.
    Observational,
}

impl Design {
    /// In users' words.
    pub fn words(self) -> &'static str {
        match self {
            Design::Rct => "randomised controlled trial",
            Design::ClusterRct => "cluster randomised trial",
            Design::Qed => "comparison-group study",
            Design::BeforeAfter => "before-and-after study",
            Design::Observational => "observational study",
        }
    }
}

/// A publication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// The year it was published.
    pub year: u32,
    /// Where to read it.
    pub link: String,
}

/// Why the shipped library could not be read (a build with a broken library file; a test
/// keeps this from shipping).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("the evidence library (assets/evidence/library.ron) could not be read: {0}")]
pub struct LibraryError(pub String);

impl Library {
    /// Reads a library from RON text.
    pub fn parse(text: &str) -> Result<Library, LibraryError> {
        ron::from_str(text).map_err(|error| LibraryError(error.to_string()))
    }

    /// The library compiled into the app, read once.
    pub fn shipped() -> Result<&'static Library, LibraryError> {
        static SHIPPED: OnceLock<Result<Library, LibraryError>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| Library::parse(LIBRARY))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The shipped library, or an empty one if it could not be read.
    pub fn shipped_or_empty() -> &'static Library {
        static EMPTY: Library = Library {
            programmes: Vec::new(),
            price_studies: Vec::new(),
        };
        Library::shipped().unwrap_or(&EMPTY)
    }

    /// The programme with this id.
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|programme| programme.id == id)
    }

    /// The programmes that act on `kind`.
    pub fn for_lever(&self, kind: LeverKind) -> impl Iterator<Item = &Programme> {
        self.programmes
            .iter()
            .filter(move |programme| programme.lever == kind)
    }

    /// The studies behind a price lever.
    pub fn price_studies_for(&self, kind: PriceLeverKind) -> impl Iterator<Item = &PriceStudy> {
        self.price_studies
            .iter()
            .filter(move |study| study.lever == kind)
    }

    /// The reference programme for `kind`, if the library marks one.
    pub fn reference(&self, kind: LeverKind) -> Option<&Programme> {
        self.for_lever(kind).find(|programme| programme.reference)
    }
}

impl Programme {
    /// The unit of [`Programme::effect`].
    pub fn effect_unit(&self) -> &'static str {
        match self.lever {
            LeverKind::EarlyHelp => "children kept out of care per 100 families helped",
            LeverKind::FrontDoor
            | LeverKind::FosterRecruitment
            | LeverKind::ResidentialShare
            | LeverKind::ResidentialStepDown
            | LeverKind::StepDown17
            | LeverKind::Permanence => self.lever.spec().unit,
        }
    }

    /// The first source's year, for "(Foundations, 2024)".
    pub fn year(&self) -> Option<u32> {
        self.sources.first().map(|source| source.year)
    }

    /// Sets early help's pool of families (for `entries` a year) and, where published, its
    /// cost per family: what the programme says the money buys.
    fn set_reach_and_cost(&self, assumptions: &mut EarlyHelpAssumptions, entries: f64) {
        assumptions.families_at_half_effect = self.families_per_entry() * entries;
        if let Some(cost) = &self.cost {
            assumptions.cost_per_family_gbp = cost.gbp;
        }
    }

    /// Families at half effect for each child entering care a year.
    fn families_per_entry(&self) -> f64 {
        self.families_per_entry_at_half_effect
            .filter(|p| p.is_finite() && *p > 0.0)
            .unwrap_or(DEFAULT_FAMILIES_PER_ENTRY_AT_HALF_EFFECT)
    }

    /// The lever's effect ([`LeverKind::effect`]) for an effect in the programme's unit.
    fn lever_effect(&self, effect: f64) -> f64 {
        match self.lever {
            // Children kept out per 100 families = most cut (%) / families per entry.
            LeverKind::EarlyHelp => (effect * self.families_per_entry()).clamp(0.0, 100.0),
            LeverKind::FrontDoor
            | LeverKind::FosterRecruitment
            | LeverKind::ResidentialShare
            | LeverKind::ResidentialStepDown
            | LeverKind::StepDown17
            | LeverKind::Permanence => {
                let spec = self.lever.spec();
                effect.clamp(spec.min, spec.max)
            }
        }
    }
}

/// The unit of a front-door programme's cost that the model applies: £ a year for each child
/// entering care a year.
pub const COST_PER_ENTRY: &str = "child entering care a year";

fn set_ramp(s: &mut Scenario, kind: LeverKind, programme: &Programme) {
    let ramp = limit_for("levers.front_door.ramp_months")
        .map_or(f64::from(programme.months_to_effect), |l| {
            l.clamp(f64::from(programme.months_to_effect))
        });
    *s.levers.timing_mut(kind).ramp_months = ramp as u32;
}

/// Sets one lever's effect, timing, cost (early help) and range from `programme`, and marks
/// the lever as from the library. Early help keeps its money: the programme says what the
/// money buys. Every other lever is set to the programme's central effect.
pub fn apply_programme(s: &mut Scenario, programme: &Programme) {
    let kind = programme.lever;
    let entries = s.entries.per_year.max(0.0);
    let within = |path: &str, value: f64| limit_for(path).map_or(value, |l| l.clamp(value));
    match kind {
        LeverKind::EarlyHelp => {
            let a = &mut s.levers.early_help.assumptions;
            programme.set_reach_and_cost(a, entries);
            a.families_at_half_effect = within(
                &LeverParameter::EarlyHelpFamiliesAtHalfEffect.path(),
                a.families_at_half_effect,
            );
            a.lag_months = within(
                &LeverParameter::EarlyHelpLag.path(),
                f64::from(programme.months_to_effect),
            ) as u32;
        }
        LeverKind::FrontDoor => {
            // Family Safeguarding's cost is per child entering care a year.
            if let Some(cost) = programme
                .cost
                .as_ref()
                .filter(|cost| cost.per == COST_PER_ENTRY)
            {
                s.levers.front_door.assumptions.annual_cost_gbp = within(
                    &LeverParameter::FrontDoorAnnualCost.path(),
                    cost.gbp * entries,
                );
            }
            set_ramp(s, kind, programme);
        }
        LeverKind::FosterRecruitment
        | LeverKind::ResidentialShare
        | LeverKind::ResidentialStepDown
        | LeverKind::StepDown17
        | LeverKind::Permanence => set_ramp(s, kind, programme),
    }
    kind.set_effect(s, programme.lever_effect(programme.effect.central));
    // A study that found no effect gives none, and no range: a range cut at zero (the model
    // has no negative effect) would give it an effect on average.
    let range = match programme.effect.finding {
        Finding::NoSignificantEffect => Range::point(programme.lever_effect(0.0)),
        Finding::Significant | Finding::NotTested => {
            let low = programme.lever_effect(programme.effect.low);
            let high = programme.lever_effect(programme.effect.high);
            Range::new(low.min(high), high.max(low))
        }
    };
    let state = s.levers.programme_mut(kind);
    *state.programme = Some(programme.id.clone());
    *state.effect_range = Some(range);
    *state.edited = false;
}

/// Sets a new council scenario's levers for the council: every lever starts with the
/// scenario; early help is priced and scaled from the library's reference programme (or the
/// model's default) for the council's entries; the front door's running cost follows its
/// entries. Values stay at "do nothing". Returns a note saying what was set.
pub fn fit_levers_to_council(s: &mut Scenario, library: &Library) -> String {
    let start = s.start_month;
    for kind in LeverKind::ALL {
        let timing = s.levers.timing_mut(kind);
        *timing.start = start;
        *timing.end = None;
    }
    let entries = s.entries.per_year.max(0.0);
    let early_help = match library.reference(LeverKind::EarlyHelp) {
        Some(programme) => {
            apply_programme(s, programme);
            format!(
                "early help priced and scaled from the evidence library's {} ({:.0} families helped a year at half effect, for {:.0} children entering care a year)",
                programme.name, s.levers.early_help.assumptions.families_at_half_effect, entries
            )
        }
        None => {
            let a = &mut s.levers.early_help.assumptions;
            a.cost_per_family_gbp = V1_COST_PER_FAMILY_GBP;
            a.families_at_half_effect = DEFAULT_FAMILIES_PER_ENTRY_AT_HALF_EFFECT * entries;
            "early help at the model's default curve, scaled to the council's entries".into()
        }
    };
    let front_door = (FRONT_DOOR_COST_PER_ENTRY_GBP * entries / 1_000.0).round() * 1_000.0;
    s.levers.front_door.assumptions.annual_cost_gbp = front_door;
    format!(
        "Every lever at doing nothing, starting with the scenario ({start}); {early_help}; the front door's running cost £{:.0}k a year (about £{:.0} for each child entering care a year, an assumption from Norfolk's 2014 figures).",
        front_door / 1_000.0,
        FRONT_DOOR_COST_PER_ENTRY_GBP
    )
}

/// A plan's effect for one lever beside what the evidence supports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverCheck {
    /// The lever.
    pub lever: LeverKind,
    /// What the plan assumes, in [`LeverCheck::unit`]: early help's cut in entries at its
    /// spend in full force; every other lever's value.
    pub assumed: f64,
    /// The range comparable programmes support at the same spend or reach, in the same unit;
    /// none if the library has no programme for the lever.
    pub supported: Option<(f64, f64)>,
    /// The unit of the two, e.g. "% fewer entries".
    pub unit: &'static str,
    /// The programmes compared with.
    pub compared_with: Vec<String>,
    /// True if the plan assumes more than the top of the supported range.
    pub exceeds: bool,
    /// True if the plan assumes less than the bottom of the supported range (cautious, not a
    /// claim to worry about, but outside the evidence too).
    pub below: bool,
    /// The programme the lever follows unedited, if it does.
    pub from_library: Option<String>,
    /// Early help's money, £ a year (0 for other levers): the spend the check compares at.
    pub spend_gbp_per_year: f64,
}

/// The lever's effect as the check compares it: early help's cut in entries (%) at the
/// lever's spend in full force; every other lever's value.
fn comparable_effect(s: &Scenario, kind: LeverKind) -> f64 {
    match kind {
        LeverKind::EarlyHelp => {
            let lever = &s.levers.early_help;
            lever.assumptions.entry_cut(lever.value) * 100.0
        }
        LeverKind::FrontDoor
        | LeverKind::FosterRecruitment
        | LeverKind::ResidentialShare
        | LeverKind::ResidentialStepDown
        | LeverKind::StepDown17
        | LeverKind::Permanence => s.levers.timing(kind).value,
    }
}

/// Checks every pulled lever of `s` against the programmes in `library` for the same lever.
pub fn check(s: &Scenario, library: &Library) -> Vec<LeverCheck> {
    LeverKind::ALL
        .into_iter()
        .filter(|&kind| s.lever_is_pulled(kind))
        .map(|kind| check_lever(s, library, kind))
        .collect()
}

fn check_lever(s: &Scenario, library: &Library, kind: LeverKind) -> LeverCheck {
    let unit = match kind {
        LeverKind::EarlyHelp => "% fewer entries",
        LeverKind::FrontDoor
        | LeverKind::FosterRecruitment
        | LeverKind::ResidentialShare
        | LeverKind::ResidentialStepDown
        | LeverKind::StepDown17
        | LeverKind::Permanence => kind.spec().unit,
    };
    let assumed = comparable_effect(s, kind);
    let state = s.levers.programme(kind);
    let from_library = state
        .programme
        .as_deref()
        .filter(|_| !state.edited)
        .and_then(|id| library.get(id))
        .map(|programme| programme.name.clone());
    // Each comparable programme at the plan's spend: its low and high ends.
    let mut supported: Option<(f64, f64)> = None;
    let mut compared_with = Vec::new();
    for programme in library.for_lever(kind) {
        let low = programme_comparable_effect(s, programme, programme.effect.low);
        let high = programme_comparable_effect(s, programme, programme.effect.high);
        let (low, high) = (low.min(high), high.max(low));
        supported = Some(match supported {
            Some((l, h)) => (l.min(low), h.max(high)),
            None => (low, high),
        });
        compared_with.push(programme.name.clone());
    }
    let exceeds = supported.is_some_and(|(_, high)| assumed > high + 1e-9);
    let below = supported.is_some_and(|(low, _)| assumed < low - 1e-9);
    LeverCheck {
        lever: kind,
        assumed,
        supported,
        unit,
        compared_with,
        exceeds,
        below,
        from_library,
        spend_gbp_per_year: match kind {
            LeverKind::EarlyHelp => s.levers.early_help.value,
            LeverKind::FrontDoor
            | LeverKind::FosterRecruitment
            | LeverKind::ResidentialShare
            | LeverKind::ResidentialStepDown
            | LeverKind::StepDown17
            | LeverKind::Permanence => 0.0,
        },
    }
}

/// What [`comparable_effect`] would give if the lever followed `programme` with `effect` (in
/// the programme's unit), keeping the plan's spend: worked out without copying the scenario,
/// because the window checks every frame.
fn programme_comparable_effect(s: &Scenario, programme: &Programme, effect: f64) -> f64 {
    match programme.lever {
        LeverKind::EarlyHelp => {
            let mut assumptions = s.levers.early_help.assumptions.clone();
            programme.set_reach_and_cost(&mut assumptions, s.entries.per_year.max(0.0));
            assumptions.max_entry_reduction_percent = programme.lever_effect(effect);
            assumptions.entry_cut(s.levers.early_help.value) * 100.0
        }
        LeverKind::FrontDoor
        | LeverKind::FosterRecruitment
        | LeverKind::ResidentialShare
        | LeverKind::ResidentialStepDown
        | LeverKind::StepDown17
        | LeverKind::Permanence => programme.lever_effect(effect),
    }
}

/// The plan with each lever that claims more than the evidence supports set to the lever's
/// reference programme (early help keeps its money; other levers take the programme's central
/// effect). Levers within the evidence, or with no reference programme, are kept. The name says
/// what it is.
pub fn evidence_based_version(s: &Scenario, library: &Library) -> Scenario {
    let mut version = s.clone();
    let mut changed = Vec::new();
    for check in check(s, library) {
        if !check.exceeds {
            continue;
        }
        let Some(programme) = library.reference(check.lever) else {
            continue;
        };
        let value = version.levers.timing(check.lever).value;
        apply_programme(&mut version, programme);
        if check.lever == LeverKind::EarlyHelp {
            version.levers.early_help.value = value;
        }
        version.sources.insert(
            format!("levers.{}", check.lever.spec().key),
            format!(
                "Evidence-based version: effect, timing and range from the evidence library's {} ({}); the plan claimed more than the evidence supports (docs/evidence.md).",
                programme.name,
                programme.year().map_or(String::new(), |year| year.to_string())
            ),
        );
        changed.push(format!("{}: {}", check.lever.spec().label, programme.name));
    }
    version.name = format!("{} (evidence-based)", s.name);
    if !changed.is_empty() {
        version.description = format!(
            "The plan \"{}\" with each lever that claimed more than the evidence supports set to the evidence library's reference programme ({}).\n\n{}",
            s.name,
            changed.join("; "),
            s.description
        );
    }
    version
}
