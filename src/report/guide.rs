//! The short guide inside the app (Help → Guide, F1, and the "?" beside each view): what each
//! chart shows and how to read it, what the levers do and where the numbers come from, in plain
//! words. Text only; the window lays it out.

/// One section of the guide: a heading and its paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// A short key, e.g. "children" (the window uses it to open a view's section).
    pub key: &'static str,
    /// Its heading.
    pub heading: &'static str,
    /// Its paragraphs.
    pub paragraphs: &'static [&'static str],
}

/// The guide, in reading order.
pub const SECTIONS: &[Section] = &[
    Section {
        key: "start",
        heading: "What Care Levers does",
        paragraphs: &[
            "It projects, month by month, how many children will be looked after and what their placements will cost, if nothing changes and if you pull the levers on the left. Every chart and figure redraws as soon as a lever moves.",
            "Figures are projections under the scenario's assumptions, not predictions. Each number in a scenario names its source in the file (Scenario details, and the Assumptions section).",
        ],
    },
    Section {
        key: "levers",
        heading: "The levers",
        paragraphs: &[
            "Each lever is something a council can do: invest in early help, strengthen the front door (gatekeeping), recruit foster carers, place fewer new children in residential homes, step children down from residential care, step 17-year-olds down to supported accommodation, and make more special guardianship orders.",
            "A lever's value, when it starts and how many months it takes to reach its full effect are set beside it. Reset puts it back to doing nothing. \"changed\" marks a lever pulled away from doing nothing.",
            "Evidence, under each lever, says what published evaluations found for programmes like it. Where a plan assumes more than the evidence supports, the lever says so in orange, and \"Compare with an evidence-based version\" shows the plan beside one that assumes only what the evidence supports. Where a study found no effect, the lever says so.",
        ],
    },
    Section {
        key: "children",
        heading: "Children in care",
        paragraphs: &[
            "The coloured bands are the children in each kind of placement, stacked: their top is the number in care. The solid line is this scenario; the dashed grey line is doing nothing with the levers. Unaccompanied asylum-seeking children, where counted apart, are the yellow band on top.",
            "White diamonds are what was counted (published or from your own data): they show how the projection compares with what happened. The dotted line and the round marker are the target, if the scenario has one.",
            "\"This chart in words and figures\" above the chart gives the same chart as a sentence and a table, for a screen reader or for a paper.",
        ],
    },
    Section {
        key: "money",
        heading: "Money by year and savings",
        paragraphs: &[
            "Each financial year (April to March) has two bars: this scenario's placement spend and doing nothing's. The level line across each year is the budget; a red mark and its label show an overspend. Spend is net of the Home Office grant for unaccompanied children, drawn in yellow on top of the bar.",
            "Net saving is what doing nothing would have spent, less what this scenario spends, less what the levers cost. Payback is the month the savings have repaid the investment.",
        ],
    },
    Section {
        key: "uncertainty",
        heading: "How sure are we? The bands",
        paragraphs: &[
            "The Uncertainty view repeats the projection 1,000 times, each time drawing the uncertain assumptions from their ranges (entries, trends, exits, costs, and how much of each lever's effect is delivered and how late), with chance from month to month.",
            "The darker band holds the middle half of those futures, the lighter band 8 in 10 of them (P10 to P90). \"Chance of overspend\" is the share of futures that overspend. The bands leave out changes in prices beyond the inflation assumption, in policy and law, in court timescales, and errors in the data.",
            "While you drag a lever the bands follow with 200 draws, then settle on 1,000 when you let go.",
        ],
    },
    Section {
        key: "councils",
        heading: "Similar councils and plan against outcome",
        paragraphs: &[
            "Similar councils sets the council's children in care (and starting care) per 10,000 children beside its ten DfE statistical neighbours: their median with its range, their average and England's.",
            "Plan against outcome sets every count the file holds against what the scenario projected for that month, and whether it fell inside the band.",
        ],
    },
    Section {
        key: "files",
        heading: "Files, papers and meetings",
        paragraphs: &[
            "Scenarios are plain text files (.carelevers or .ron) that are safe to e-mail. If a colleague has a file open, Care Levers says so and offers a read-only copy; unsaved work is copied every minute and offered back after a crash.",
            "Export briefing (Word), in the File menu, writes a briefing for a committee report: key figures, the charts with their tables, options, assumptions and evidence, and marked prompts for the officer. Present (F5) shows one chart at a time for a meeting.",
        ],
    },
];

/// The section for `key`, if there is one.
pub fn section(key: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_have_unique_keys_and_short_plain_paragraphs() {
        for (i, s) in SECTIONS.iter().enumerate() {
            assert!(SECTIONS[i + 1..].iter().all(|other| other.key != s.key));
            assert!(!s.paragraphs.is_empty());
            for p in s.paragraphs {
                // About a hundred words at most: a guide, not a manual.
                assert!(p.split_whitespace().count() <= 110, "{}: {p}", s.key);
            }
        }
        assert_eq!(section("children").unwrap().heading, "Children in care");
        assert!(section("nothing").is_none());
    }
}
