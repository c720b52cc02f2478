//! Children in care by month, stacked by placement.

use super::{
    Chart, DataTable, Mark, Role, Series, Unit, month_labels, monthly_points, subtitle,
    year_end_rows,
};
use crate::model::{Month, Projection, Scenario};
use crate::report::{format, series};

/// Children in care by month, stacked by placement, with doing nothing, the target and the
/// counted figures; counts in words as `figures` says (exact in the window, to the nearest 5 in
/// papers).
pub fn children_in_care(
    scenario: &Scenario,
    projection: &Projection,
    figures: format::Figures,
) -> Chart {
    let mut chart_series = Vec::new();
    for band in series::placement_stack(projection) {
        chart_series.push(Series {
            name: band.placement.label().to_string(),
            role: Role::Placement(band.placement),
            mark: Mark::StackedArea { lower: band.lower },
            points: monthly_points(&band.upper),
        });
    }
    if let Some((_, lower, upper)) = series::uasc_band(projection) {
        chart_series.push(Series {
            name: "Unaccompanied asylum-seeking children".into(),
            role: Role::Uasc,
            mark: Mark::StackedArea { lower },
            points: monthly_points(&upper),
        });
    }
    let totals = series::monthly(projection, |m| m.looked_after);
    let baseline = series::monthly(projection, |m| m.baseline_looked_after);
    chart_series.push(Series {
        name: "Children in care".into(),
        role: Role::Scenario,
        mark: Mark::Line,
        points: monthly_points(&totals),
    });
    chart_series.push(Series {
        name: "Doing nothing".into(),
        role: Role::DoNothing,
        mark: Mark::Line,
        points: monthly_points(&baseline),
    });
    let target = series::target_marker(scenario);
    if let Some((name, point)) = &target {
        chart_series.push(Series {
            name: name.clone(),
            role: Role::Target,
            mark: Mark::Markers,
            points: vec![*point],
        });
    }
    let counted = series::counted_points(scenario);
    if !counted.is_empty() {
        chart_series.push(Series {
            name: "Counted (what happened)".into(),
            role: Role::Counted,
            mark: Mark::Markers,
            points: counted,
        });
    }

    let x_labels = month_labels(scenario, projection);
    let opening = projection.opening_looked_after;
    let (title, alt_text) = match (projection.months.last(), projection.months.first()) {
        (Some(last), Some(first)) => {
            let end = last.month.short_label();
            let title = format!(
                "Children in care: {} at the start, {} by {end} under this scenario ({} doing nothing)",
                figures.children(opening),
                figures.children(last.looked_after),
                figures.children(last.baseline_looked_after)
            );
            let mut alt = format!(
                "Chart of children in care at the end of each month from {} to {end}, stacked by placement{}. Under this scenario the number goes from {} to {} by {end}; doing nothing, to {}.",
                first.month.short_label(),
                if series::uasc_band(projection).is_some() {
                    ", with unaccompanied asylum-seeking children on top"
                } else {
                    ""
                },
                figures.children(opening),
                figures.children(last.looked_after),
                figures.children(last.baseline_looked_after)
            );
            if let Some(target) = scenario.target_in_horizon()
                && let Some(at) = projection.month(target.month)
            {
                alt.push_str(&format!(
                    " The target is {} by {}; the scenario projects {} then.",
                    figures.children(target.looked_after),
                    target.month.short_label(),
                    figures.children(at.looked_after)
                ));
            }
            alt.push_str(" The table below gives the figures at the end of each financial year.");
            (title, alt)
        }
        _ => (
            "Children in care: no months projected".to_string(),
            "No months are projected.".to_string(),
        ),
    };

    let counted_at = |month: Month| {
        scenario
            .actuals
            .looked_after
            .iter()
            .find(|c| c.month == month)
            .map(|c| figures.children(c.total))
    };
    let rows = year_end_rows(projection, |m| {
        vec![
            figures.children(m.looked_after),
            figures.children(m.baseline_looked_after),
            figures.children_change(m.looked_after - m.baseline_looked_after),
            counted_at(m.month).unwrap_or_else(|| "–".into()),
        ]
    });
    Chart {
        title,
        subtitle: subtitle(scenario, "month"),
        unit: Unit::Children,
        x_labels,
        first_month: Some(scenario.start_month),
        series: chart_series,
        alt_text,
        table: DataTable {
            caption: "Children in care at the end of each financial year".into(),
            header: vec![
                "At".into(),
                "This scenario".into(),
                "Doing nothing".into(),
                "Difference".into(),
                "Counted".into(),
            ],
            rows,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Month, project};
    use crate::report::chart::{Role, target_plan};

    #[test]
    fn the_children_chart_says_what_it_shows_and_its_table_holds_its_figures() {
        let scenario = target_plan();
        let projection = project(&scenario);
        let chart = children_in_care(&scenario, &projection, format::Figures::Exact);
        let last = projection.months.last().unwrap();
        assert!(
            chart
                .title
                .contains(&format!("{} by", format::count(last.looked_after))),
            "{}",
            chart.title
        );
        assert!(chart.alt_text.contains("The target is 770 by Mar 2017"));
        assert!(chart.alt_text.contains("1,137"), "{}", chart.alt_text);
        // One row per financial year, each as long as the header, ending at 31 March.
        assert_eq!(chart.table.rows.len(), projection.years.len());
        assert!(
            chart
                .table
                .rows
                .iter()
                .all(|r| r.len() == chart.table.header.len())
        );
        assert_eq!(chart.table.rows[2][0], "31 March 2017");
        let march_2017 = projection.month(Month::new(2017, 3).unwrap()).unwrap();
        assert_eq!(
            chart.table.rows[2][1],
            format::count(march_2017.looked_after)
        );
        assert_eq!(
            chart.table.rows[2][4], "1,107",
            "the count at 31 March 2017"
        );
        // A paper gives the same figures to the nearest 5; the series stay exact.
        let paper = children_in_care(&scenario, &projection, format::Figures::Paper);
        assert_eq!(paper.table.rows[2][4], "1,105");
        assert_eq!(
            paper.table.rows[2][1],
            format::children_for_paper(march_2017.looked_after)
        );
        assert!(paper.alt_text.contains("1,135"), "{}", paper.alt_text);
        assert_eq!(paper.series, chart.series);
        // The series the window draws: six placements stacked to the total, the total itself.
        let stack_top = chart
            .series
            .iter()
            .rfind(|s| matches!(s.role, Role::Placement(_)))
            .unwrap();
        let total = chart
            .series
            .iter()
            .find(|s| s.role == Role::Scenario)
            .unwrap();
        for (top, line) in stack_top.points.iter().zip(&total.points) {
            assert!((top[1] - line[1]).abs() < 1e-6);
        }
        assert_eq!(chart.x_labels.len(), projection.months.len());
    }
}
