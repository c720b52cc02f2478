//! The evidence library in words: a programme's effect, its evidence and its source.

use super::format;
use crate::model::LeverKind;
use crate::model::evidence::{Finding, LeverCheck, Library, Programme};

/// A figure from the library as printed there: "14.9", "0.76", "2,285".
fn number(value: f64) -> String {
    format::number(value, 2)
}

/// An amount in a check's unit, rounded as people say it: "25% fewer entries", "4.4% of
/// children in residential a year", "40 children a year".
fn amount(value: f64, unit: &str) -> String {
    let decimals = if value == 0.0 || value.abs() >= 10.0 {
        0
    } else {
        1
    };
    let figure = format::number(value, decimals);
    if unit.starts_with('%') {
        format!("{figure}{unit}")
    } else {
        format!("{figure} {unit}")
    }
}

/// "0% to 7.5% fewer entries", "2 to 5 children a year".
fn range(low: f64, high: f64, unit: &str) -> String {
    let low_figure = format::number(
        low,
        if low == 0.0 || low.abs() >= 10.0 {
            0
        } else {
            1
        },
    );
    let low_words = if unit.starts_with('%') {
        format!("{low_figure}%")
    } else {
        low_figure
    };
    format!("{low_words} to {}", amount(high, unit))
}

/// One lever's evidence check in a sentence, e.g. "Early-help investment. This plan assumes
/// 25% fewer entries from £3.5m a year; evaluations of comparable programmes found 0% to 7.5%
/// fewer entries at that spend. The plan claims more than the evidence supports."
pub fn check_words(check: &LeverCheck) -> String {
    let label = check.lever.spec().label;
    let assumed = amount(check.assumed, check.unit);
    let plan = match check.lever {
        LeverKind::EarlyHelp => format!(
            "{label}. This plan assumes {assumed} from {} a year",
            format::money(check.spend_gbp_per_year)
        ),
        LeverKind::FrontDoor
        | LeverKind::FosterRecruitment
        | LeverKind::ResidentialShare
        | LeverKind::ResidentialStepDown
        | LeverKind::StepDown17
        | LeverKind::Permanence => format!("{label}. This plan assumes {assumed}"),
    };
    match (&check.from_library, check.supported) {
        (Some(name), _) => format!("{plan}, from the evidence library's {name}."),
        (None, None) => {
            format!("{plan}. No evaluation in the library measures this lever's effect.")
        }
        (None, Some((low, high))) => {
            let at = if check.lever == LeverKind::EarlyHelp {
                " at that spend"
            } else {
                ""
            };
            let verdict = if check.exceeds {
                " The plan claims more than the evidence supports."
            } else if check.below {
                " The plan assumes less than the evaluations found."
            } else {
                ""
            };
            format!(
                "{plan}; evaluations of comparable programmes found {}{at}.{verdict}",
                range(low, high, check.unit)
            )
        }
    }
}

/// The effect with its range and unit, e.g. "14.9 (3.7 to 22.3) children kept out of care per
/// 100 families helped", or "no significant effect (range -17.8 to 6.5 ...)".
pub fn effect_words(programme: &Programme) -> String {
    let effect = &programme.effect;
    let unit = programme.effect_unit();
    match effect.finding {
        Finding::Significant => format!(
            "{} ({} to {}) {unit}",
            number(effect.central),
            number(effect.low),
            number(effect.high)
        ),
        Finding::NoSignificantEffect if effect.low == effect.high => {
            format!("no significant effect: the app gives it none (0 {unit})")
        }
        Finding::NoSignificantEffect => format!(
            "no significant effect: the app gives it none (range {} to {} {unit})",
            number(effect.low),
            number(effect.high)
        ),
        Finding::NotTested => format!(
            "not tested against a comparison group: {} ({} to {}) {unit}, from what was delivered",
            number(effect.central),
            number(effect.low),
            number(effect.high)
        ),
    }
}

/// The cost in words, e.g. "£4,500 per family (2013-14 prices)", or "no published cost".
pub(crate) fn cost_words(programme: &Programme) -> String {
    match &programme.cost {
        Some(cost) => format!(
            "£{} per {} ({} prices)",
            number(cost.gbp),
            cost.per,
            cost.price_year
        ),
        None => "no published cost found".into(),
    }
}

/// The first source, e.g. "Title, Publisher (2024), https://...".
pub(crate) fn source_words(programme: &Programme) -> String {
    programme
        .sources
        .first()
        .map_or("no source".into(), |source| {
            format!(
                "{}, {} ({}), {}",
                source.title, source.publisher, source.year, source.link
            )
        })
}

/// A programme's evidence as lines for a lever's help: what it found, how strong the evidence
/// is, where, the cost and the source.
pub fn programme_lines(programme: &Programme) -> Vec<String> {
    vec![
        format!("{}: {}", programme.name, programme.summary),
        format!("Effect: {}.", effect_words(programme)),
        format!(
            "Evidence: {} ({}). {}",
            programme.evidence.design.words(),
            programme.effect.finding.words(),
            programme.evidence.strength
        ),
        format!("Where and when: {}", programme.evidence.where_when),
        format!(
            "Cost: {}. Time to effect: {} months.",
            cost_words(programme),
            programme.months_to_effect
        ),
        format!("Source: {}", source_words(programme)),
    ]
}

/// The whole library as text, lever by lever, for `care-levers evidence`.
pub fn library_text(library: &Library) -> String {
    let mut text = String::from(
        "The evidence library: published evaluations of programmes, as lever parameters (docs/evidence.md).\n",
    );
    for kind in crate::model::LeverKind::ALL {
        let programmes: Vec<&Programme> = library.for_lever(kind).collect();
        if programmes.is_empty() {
            continue;
        }
        text.push_str(&format!(
            "\n{} (levers.{}.programme=ID)\n",
            kind.spec().label,
            kind.spec().key
        ));
        for programme in programmes {
            let reference = if programme.reference {
                " [reference]"
            } else {
                ""
            };
            text.push_str(&format!("  {}{reference}\n", programme.id));
            for line in programme_lines(programme) {
                text.push_str(&format!("    {line}\n"));
            }
        }
    }
    for kind in crate::model::evidence::PriceLeverKind::ALL {
        let studies: Vec<_> = library.price_studies_for(kind).collect();
        if studies.is_empty() {
            continue;
        }
        text.push_str(&format!(
            "\n{} (price lever: studies and council cases)\n",
            kind.label()
        ));
        for study in studies {
            text.push_str(&format!("  {}: {}\n", study.id, study.name));
            text.push_str(&format!("    Figures: {}\n", study.figures));
            text.push_str(&format!("    Strength: {}\n", study.strength));
            text.push_str(&format!("    Used for: {}\n", study.used_for));
            for source in &study.sources {
                text.push_str(&format!(
                    "    Source: {} ({}, {}) {}\n",
                    source.title, source.publisher, source.year, source.link
                ));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(number(14.9), "14.9");
        assert_eq!(number(0.76), "0.76");
        assert_eq!(number(2285.0), "2,285");
        assert_eq!(number(-17.8), "-17.8");
        assert_eq!(number(15.0), "15");
        assert_eq!(amount(25.45, "% fewer entries"), "25% fewer entries");
        assert_eq!(amount(4.4, "children a year"), "4.4 children a year");
        assert_eq!(
            range(0.0, 7.46, "% fewer entries"),
            "0% to 7.5% fewer entries"
        );
    }
}
