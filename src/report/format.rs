//! Numbers as councillors read them: £12.3m, £850k, 1,137 children, "2016-17".

/// Money in pounds as "£12.3m", "£850k" or "£640"; negative amounts as "-£1.2m".
pub fn money(pounds: f64) -> String {
    if !pounds.is_finite() {
        return "–".into();
    }
    let sign = if pounds < 0.0 { "-" } else { "" };
    let amount = pounds.abs();
    if amount >= 999_950.0 {
        format!("{sign}£{:.1}m", amount / 1e6)
    } else if amount >= 1_000.0 {
        format!("{sign}£{:.0}k", amount / 1e3)
    } else {
        format!("{sign}£{amount:.0}")
    }
}

/// A whole number with thousands separators: 1,137.
pub fn count(value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let rounded = value.round();
    let sign = if rounded < 0.0 { "-" } else { "" };
    let digits = format!("{:.0}", rounded.abs());
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}")
}

/// A number with thousands separators and up to `decimals` decimals (trailing zeros dropped).
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = count(whole.parse::<f64>().unwrap_or(0.0));
    let fraction = fraction.trim_end_matches('0');
    let sign = if value < 0.0 && (whole != "0" || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// A change in children, "+223" or "-590"; "no change" for less than half a child.
pub fn count_change(value: f64) -> String {
    if value.abs() < 0.5 {
        "no change".into()
    } else if value > 0.0 {
        format!("+{}", count(value))
    } else {
        count(value)
    }
}

/// An overspend in words: ("Overspend", "£1.2m") or, when negative, ("Underspend", "£853k").
/// The one place the sign of an overspend becomes a word.
pub fn overspend(overspend_gbp: f64) -> (&'static str, String) {
    if overspend_gbp >= 0.0 {
        ("Overspend", money(overspend_gbp))
    } else {
        ("Underspend", money(-overspend_gbp))
    }
}

/// An overspend as a short table entry: "£1.2m over" or "£853k under".
pub fn overspend_short(overspend_gbp: f64) -> String {
    match overspend(overspend_gbp) {
        ("Overspend", amount) => format!("{amount} over"),
        (_, amount) => format!("{amount} under"),
    }
}

/// When savings repay the investment, in words: "Jun 2016", "not within the horizon" or
/// "no investment".
pub fn payback(payback: crate::model::Payback) -> String {
    match payback {
        crate::model::Payback::InMonth(month) => month.short_label(),
        crate::model::Payback::NotWithinHorizon => "not within the horizon".to_string(),
        crate::model::Payback::NoInvestment => "no investment".to_string(),
    }
}

/// A lever's value as users read it, e.g. "£3.0m a year", "20 households a year" or "12%".
pub fn lever_value(kind: crate::model::LeverKind, value: f64) -> String {
    use crate::model::scenario::ValueFormat;
    match kind.spec().format {
        ValueFormat::MoneyPerYear => format!("{} a year", money(value)),
        ValueFormat::CountPerYear(what) => format!("{} {what} a year", number(value, 1)),
        ValueFormat::Percent => format!("{}%", number(value, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_like_a_council_paper() {
        assert_eq!(money(12_345_678.0), "£12.3m");
        assert_eq!(money(850_000.0), "£850k");
        assert_eq!(money(999_999.0), "£1.0m");
        assert_eq!(money(640.4), "£640");
        assert_eq!(money(-2_600_000.0), "-£2.6m");
        assert_eq!(money(0.0), "£0");
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(1137.2), "1,137");
        assert_eq!(count(770.0), "770");
        assert_eq!(count(1_234_567.0), "1,234,567");
        assert_eq!(count(-590.4), "-590");
        assert_eq!(count_change(223.0), "+223");
        assert_eq!(count_change(-0.2), "no change");
        assert_eq!(number(3_000_000.0, 0), "3,000,000");
        assert_eq!(number(12.50, 2), "12.5");
        assert_eq!(number(-1.25, 1), "-1.2");
    }
}
