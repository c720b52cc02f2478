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

/// A number of Monte Carlo draws: "1,000".
pub fn count_of_draws(draws: usize) -> String {
    count(draws as f64)
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

/// How precisely children are counted in words: exactly in the window and the data exports (an
/// officer watching a lever move needs every child), to the nearest 5 in papers (a projection is
/// not that precise, and small counts are not published). The rules: docs/briefing.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Figures {
    /// Whole children: "1,137".
    #[default]
    Exact,
    /// Projections to the nearest 5 ("1,135"), "fewer than 5" for small counts.
    Paper,
}

impl Figures {
    /// A number of children: "1,137" exactly, or "1,135" / "fewer than 5" / "0" in a paper.
    pub fn children(self, value: f64) -> String {
        match self {
            Figures::Exact => count(value),
            Figures::Paper => children_for_paper(value),
        }
    }

    /// A change in children: "+223" exactly, or "+225" / "under 5 more" in a paper.
    pub fn children_change(self, value: f64) -> String {
        match self {
            Figures::Exact => count_change(value),
            Figures::Paper => children_change_for_paper(value),
        }
    }
}

/// Children as a paper gives them: to the nearest 5 ("1,105"); "fewer than 5" from half a child
/// to under 5 (neither false precision nor a count small enough to identify a child); "0" below.
pub fn children_for_paper(value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    if value < 0.5 {
        "0".into()
    } else if value < 5.0 {
        "fewer than 5".into()
    } else {
        count(nearest_5(value))
    }
}

/// A change in children as a paper gives it: "+225", "-590" (to the nearest 5); "under 5 more"
/// or "under 5 fewer" when it rounds to 0; "no change" for less than half a child.
pub fn children_change_for_paper(value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let rounded = nearest_5(value);
    if value.abs() < 0.5 {
        "no change".into()
    } else if rounded == 0.0 {
        if value > 0.0 {
            "under 5 more".into()
        } else {
            "under 5 fewer".into()
        }
    } else if rounded > 0.0 {
        format!("+{}", count(rounded))
    } else {
        count(rounded)
    }
}

fn nearest_5(value: f64) -> f64 {
    // -0.0 would print as "-0".
    ((value / 5.0).round() * 5.0) + 0.0
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

/// What a budget the user has not entered reads as, everywhere.
pub const BUDGET_NOT_ENTERED: &str = "Budget not entered";

/// A budget: "£12.3m", or "not entered".
pub fn budget(budget_gbp: Option<f64>) -> String {
    budget_gbp.map_or_else(|| "not entered".into(), money)
}

/// An overspend in words, "Overspend £1.2m" or "Underspend £853k"; "Budget not entered" where
/// there is none.
pub fn overspend_or_none(overspend_gbp: Option<f64>) -> String {
    match overspend_gbp {
        Some(overspend_gbp) => {
            let (word, amount) = overspend(overspend_gbp);
            format!("{word} {amount}")
        }
        None => BUDGET_NOT_ENTERED.into(),
    }
}

/// A change in money in words: "£1.9m more", "£1.9m less", or "no change" for less than £500
/// (a paper never shows a minus sign on money: docs/briefing.md).
pub fn money_change(change_gbp: f64) -> String {
    if !change_gbp.is_finite() {
        "–".into()
    } else if change_gbp.abs() < 500.0 {
        "no change".into()
    } else if change_gbp > 0.0 {
        format!("{} more", money(change_gbp))
    } else {
        format!("{} less", money(-change_gbp))
    }
}

/// A net saving in words: "£1.2m" saved, or "a net cost of £635k" when the levers cost more
/// than they save.
pub fn net_saving(saving_gbp: f64) -> String {
    if saving_gbp < 0.0 {
        format!("a net cost of {}", money(-saving_gbp))
    } else {
        money(saving_gbp)
    }
}

/// A gross saving in words: "£1.2m", or "£300k more spent" when the scenario spends more than
/// doing nothing.
pub fn saving(saving_gbp: f64) -> String {
    if saving_gbp < 0.0 {
        format!("{} more spent", money(-saving_gbp))
    } else {
        money(saving_gbp)
    }
}

/// A probability (0 to 1) as a whole percentage: "37%". The one place a chance becomes a
/// percentage.
pub fn percent(probability: f64) -> String {
    if probability.is_finite() {
        format!("{:.0}%", probability * 100.0)
    } else {
        "–".into()
    }
}

/// A lever's timing in words: "from Apr 2015, full effect after 6 months, until Mar 2018"
/// (the same in the window's slides, the briefing and the evidence table).
pub fn lever_timing(timing: &crate::model::LeverTiming) -> String {
    let months = match timing.ramp_months {
        0 => "at once".to_string(),
        1 => "after 1 month".to_string(),
        n => format!("after {n} months"),
    };
    format!(
        "from {}, full effect {months}{}",
        timing.start.short_label(),
        timing
            .end
            .map(|end| format!(", until {}", end.short_label()))
            .unwrap_or_default()
    )
}

/// What a goal seek reached, in words: "770.4 children in care at the end of Mar 2017", or
/// "an overspend of £1.2m in 2016-17" ("an underspend of ..." below budget).
pub fn goal_result(goal: &crate::model::goal_seek::Goal, achieved: f64) -> String {
    use crate::model::goal_seek::Goal;
    match goal {
        Goal::LookedAfter { month, .. } => format!(
            "{} children in care at the end of {}",
            number(achieved, 1),
            month.short_label()
        ),
        Goal::Overspend { year, .. } => {
            let (word, amount) = overspend(achieved);
            format!("an {} of {amount} in {year}", word.to_lowercase())
        }
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
        assert_eq!(money_change(-1_900_000.0), "£1.9m less");
        assert_eq!(money_change(250_000.0), "£250k more");
        assert_eq!(money_change(-120.0), "no change");
        assert_eq!(net_saving(-635_000.0), "a net cost of £635k");
        assert_eq!(net_saving(1_200_000.0), "£1.2m");
        assert_eq!(saving(-300_000.0), "£300k more spent");
        assert_eq!(percent(0.374), "37%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn goal_results_and_lever_timings_read_as_sentences() {
        use crate::model::goal_seek::Goal;
        use crate::model::{FinancialYear, LeverTiming, Month};
        let march = Month::new(2017, 3).unwrap();
        let children = Goal::LookedAfter {
            target: 770.0,
            month: march,
        };
        assert_eq!(
            goal_result(&children, 770.44),
            "770.4 children in care at the end of Mar 2017"
        );
        let money = Goal::Overspend {
            at_most_gbp: 0.0,
            year: FinancialYear::starting(2016),
        };
        assert_eq!(
            goal_result(&money, 1_200_000.0),
            "an overspend of £1.2m in 2016-17"
        );
        assert_eq!(
            goal_result(&money, -853_000.0),
            "an underspend of £853k in 2016-17"
        );
        let timing = LeverTiming {
            value: 1.0,
            start: Month::new(2015, 4).unwrap(),
            ramp_months: 6,
            end: Some(march),
        };
        assert_eq!(
            lever_timing(&timing),
            "from Apr 2015, full effect after 6 months, until Mar 2017"
        );
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

    #[test]
    fn papers_give_children_to_the_nearest_5_and_never_a_small_count() {
        let paper = Figures::Paper;
        assert_eq!(paper.children(1137.0), "1,135");
        assert_eq!(paper.children(1107.6), "1,110");
        assert_eq!(paper.children(772.4), "770");
        assert_eq!(paper.children(7.4), "5");
        assert_eq!(paper.children(4.9), "fewer than 5");
        assert_eq!(paper.children(1.0), "fewer than 5");
        assert_eq!(paper.children(0.2), "0");
        assert_eq!(paper.children(f64::NAN), "–");
        assert_eq!(paper.children_change(-588.0), "-590");
        assert_eq!(paper.children_change(223.0), "+225");
        assert_eq!(paper.children_change(2.0), "under 5 more");
        assert_eq!(paper.children_change(-2.4), "under 5 fewer");
        assert_eq!(paper.children_change(-0.3), "no change");
        assert_eq!(paper.children_change(-2.6), "-5");
        assert_eq!(Figures::Exact.children(1137.2), "1,137");
        assert_eq!(Figures::Exact.children_change(-2.0), "-2");
    }
}
