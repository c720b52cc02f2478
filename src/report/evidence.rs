//! The evidence library in words: a programme's effect, its evidence and its source.

use crate::model::evidence::{Finding, Library, Programme};

/// A number as people read it: "14.9", "0.8", "2,285".
fn number(value: f64) -> String {
    if value.abs() >= 1_000.0 {
        let whole = value.round() as i64;
        let digits = whole.abs().to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if whole < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').to_string()
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
pub fn cost_words(programme: &Programme) -> String {
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
pub fn source_words(programme: &Programme) -> String {
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
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(14.9), "14.9");
        assert_eq!(number(0.8), "0.8");
        assert_eq!(number(2285.0), "2,285");
        assert_eq!(number(-17.8), "-17.8");
        assert_eq!(number(15.0), "15");
    }
}
