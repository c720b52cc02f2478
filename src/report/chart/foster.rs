//! Foster care: in-house places against the children needing foster care, and agency use.

use super::{
    Chart, DataTable, Mark, Role, Series, Unit, month_labels, monthly_points, subtitle,
    year_end_rows,
};
use crate::model::{PlacementType, Projection, Scenario};
use crate::report::{format, series};

/// In-house foster places (with the levers and doing nothing) against the children needing
/// foster care, split between in-house carers and agencies, by month; counts as `figures` says.
pub fn foster_care(
    scenario: &Scenario,
    projection: &Projection,
    figures: format::Figures,
) -> Chart {
    let capacity = series::monthly(projection, |m| m.in_house_capacity);
    let baseline_capacity = series::monthly(projection, |m| m.baseline_in_house_capacity);
    let need = series::monthly(projection, |m| {
        m.by_placement.in_house_foster + m.by_placement.ifa
    });
    let in_house = series::monthly(projection, |m| m.by_placement.in_house_foster);
    let ifa = series::monthly(projection, |m| m.by_placement.ifa);
    let chart_series = vec![
        Series {
            name: "In-house places (capacity)".into(),
            role: Role::Capacity,
            mark: Mark::Line,
            points: monthly_points(&capacity),
        },
        Series {
            name: "In-house places, doing nothing".into(),
            role: Role::DoNothing,
            mark: Mark::Line,
            points: monthly_points(&baseline_capacity),
        },
        Series {
            name: "Children needing foster care".into(),
            role: Role::Need,
            mark: Mark::Line,
            points: monthly_points(&need),
        },
        Series {
            name: "Children with in-house carers".into(),
            role: Role::Placement(PlacementType::InHouseFoster),
            mark: Mark::Line,
            points: monthly_points(&in_house),
        },
        Series {
            name: "Children with agencies (IFA)".into(),
            role: Role::Placement(PlacementType::Ifa),
            mark: Mark::StackedArea {
                lower: vec![0.0; ifa.len()],
            },
            points: monthly_points(&ifa),
        },
    ];
    let x_labels = month_labels(scenario, projection);
    let (title, alt_text) = match projection.months.last() {
        Some(last) => {
            let end = last.month.short_label();
            (
                format!(
                    "Foster care: {} in-house places for {} children needing foster care by {end}; {} with agencies",
                    figures.children(last.in_house_capacity),
                    figures.children(last.by_placement.in_house_foster + last.by_placement.ifa),
                    figures.children(last.by_placement.ifa)
                ),
                format!(
                    "Line chart of in-house foster places against the children needing foster care, by month to {end}, with the children placed with in-house carers and with agencies (IFA). By {end} there are {} in-house places ({} doing nothing) for {} children: {} with in-house carers and {} with agencies. The table below gives the figures at the end of each financial year.",
                    figures.children(last.in_house_capacity),
                    figures.children(last.baseline_in_house_capacity),
                    figures.children(last.by_placement.in_house_foster + last.by_placement.ifa),
                    figures.children(last.by_placement.in_house_foster),
                    figures.children(last.by_placement.ifa)
                ),
            )
        }
        None => (
            "Foster care: no months projected".to_string(),
            "No months are projected.".to_string(),
        ),
    };
    let rows = year_end_rows(projection, |m| {
        vec![
            figures.children(m.in_house_capacity),
            figures.children(m.baseline_in_house_capacity),
            figures.children(m.by_placement.in_house_foster),
            figures.children(m.by_placement.ifa),
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
            caption: "Foster care at the end of each financial year".into(),
            header: vec![
                "At".into(),
                "In-house places".into(),
                "In-house places, doing nothing".into(),
                "With in-house carers".into(),
                "With agencies (IFA)".into(),
            ],
            rows,
        },
    }
}
