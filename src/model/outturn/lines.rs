//! The budget-monitoring table's lines in numbers, from a saved forecast and the one before it:
//! one line a placement type (its listed placements and, where their mix is known, its share of
//! the new placements), the new placements where it is not, the income, the budget not given to a
//! line, and the total against the budget. The window, the briefing and the exports all show
//! these (words in `report::outturn`, numbers in `io::export::monitoring`).

use super::variance;
use crate::model::PlacementType;
use crate::model::scenario::ForecastSnapshot;

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// One placement type.
    Placement(PlacementType),
    /// The new placements expected, where their mix is not known.
    NewPlacements,
    /// Income (contributions and other income), taken off.
    Income,
    /// The part of the budget not given to a placement type's line.
    NotAllocated,
    /// Everything, against the budget.
    Total,
}

/// One line of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// What it is.
    pub kind: LineKind,
    /// £ budget, where one is set for the line.
    pub budget_gbp: Option<f64>,
    /// £ forecast (none for the budget not allocated).
    pub forecast_gbp: Option<f64>,
    /// £ forecast − budget, where both are there.
    pub variance_gbp: Option<f64>,
    /// The variance as % of the budget.
    pub variance_percent: Option<f64>,
    /// £ forecast − the previous saved forecast's, where there is one.
    pub movement_gbp: Option<f64>,
}

/// A line's forecast for a placement type: the listed placements and its share of the new.
fn placement_forecast(snapshot: &ForecastSnapshot, placement: PlacementType) -> f64 {
    snapshot.by_type_gbp[placement] + snapshot.new_by_type_gbp.map_or(0.0, |new| new[placement])
}

fn line(kind: LineKind, budget: Option<f64>, forecast: Option<f64>, before: Option<f64>) -> Line {
    let (variance_gbp, variance_percent, _) = match forecast {
        Some(forecast) => variance(forecast, budget),
        None => (None, None, None),
    };
    Line {
        kind,
        budget_gbp: budget,
        forecast_gbp: forecast,
        variance_gbp,
        variance_percent,
        movement_gbp: forecast.zip(before).map(|(now, then)| now - then),
    }
}

/// The lines of `current`, moved from `previous`.
pub fn lines(current: &ForecastSnapshot, previous: Option<&ForecastSnapshot>) -> Vec<Line> {
    let budgets = current.line_budgets_gbp;
    let mut out: Vec<Line> = PlacementType::ALL
        .into_iter()
        .filter(|p| {
            placement_forecast(current, *p) != 0.0
                || budgets[*p].is_some()
                || previous.is_some_and(|s| placement_forecast(s, *p) != 0.0)
        })
        .map(|p| {
            let mut placement = line(
                LineKind::Placement(p),
                budgets[p],
                Some(placement_forecast(current, p)),
                previous.map(|s| placement_forecast(s, p)),
            );
            // A forecast saved with its new placements on a line of their own moves on the
            // listed placements alone (like with like).
            if let Some(before) = previous
                && before.new_by_type_gbp.is_none() != current.new_by_type_gbp.is_none()
            {
                placement.movement_gbp = Some(current.by_type_gbp[p] - before.by_type_gbp[p]);
            }
            placement
        })
        .collect();
    if current.new_by_type_gbp.is_none() {
        out.push(line(
            LineKind::NewPlacements,
            None,
            Some(current.new_placements_gbp),
            previous.map(|s| s.new_placements_gbp),
        ));
    }
    out.push(line(
        LineKind::Income,
        None,
        Some(current.income_gbp),
        previous.map(|s| s.income_gbp),
    ));
    let allocated: f64 = PlacementType::ALL.iter().filter_map(|p| budgets[*p]).sum();
    if let Some(total) = current.budget_gbp
        && PlacementType::ALL.iter().any(|p| budgets[*p].is_some())
        && (total - allocated).abs() >= 0.5
    {
        out.push(line(
            LineKind::NotAllocated,
            Some(total - allocated),
            None,
            None,
        ));
    }
    out.push(line(
        LineKind::Total,
        current.budget_gbp,
        Some(current.forecast_gbp),
        previous.map(|s| s.forecast_gbp),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::episodes::Date;
    use crate::model::placement::ByPlacement;
    use crate::model::time::FinancialYear;

    fn snapshot(forecast: f64, residential: f64, new_split: bool) -> ForecastSnapshot {
        let mut by_type = ByPlacement::splat(0.0);
        by_type[PlacementType::Residential] = residential;
        by_type[PlacementType::Ifa] = forecast - residential - 100.0;
        let mut budgets = ByPlacement::splat(None);
        budgets[PlacementType::Residential] = Some(500.0);
        ForecastSnapshot {
            as_at: Date::from_ymd(2025, 9, 30).expect("a day"),
            financial_year: FinancialYear { start_year: 2025 },
            budget_gbp: Some(1_000.0),
            spend_to_date_gbp: 0.0,
            committed_gbp: 0.0,
            new_placements_gbp: 100.0,
            income_gbp: 0.0,
            forecast_gbp: forecast,
            by_type_gbp: by_type,
            new_by_type_gbp: new_split.then(|| {
                let mut new = ByPlacement::splat(0.0);
                new[PlacementType::Residential] = 100.0;
                new
            }),
            line_budgets_gbp: budgets,
            open_placements: 1,
            high_cost: Vec::new(),
        }
    }

    #[test]
    fn a_line_with_a_budget_has_its_variance_and_the_rest_is_not_allocated() {
        let now = snapshot(1_200.0, 600.0, true);
        let before = snapshot(1_100.0, 550.0, true);
        let lines = lines(&now, Some(&before));
        let homes = lines
            .iter()
            .find(|l| l.kind == LineKind::Placement(PlacementType::Residential))
            .expect("a homes line");
        // Listed £600 and new £100 against £500.
        assert_eq!(homes.forecast_gbp, Some(700.0));
        assert_eq!(homes.variance_gbp, Some(200.0));
        assert_eq!(homes.variance_percent, Some(40.0));
        assert_eq!(homes.movement_gbp, Some(50.0));
        // The new placements are in the lines; the £500 not given to a line is shown.
        assert!(!lines.iter().any(|l| l.kind == LineKind::NewPlacements));
        let rest = lines
            .iter()
            .find(|l| l.kind == LineKind::NotAllocated)
            .expect("the rest of the budget");
        assert_eq!(rest.budget_gbp, Some(500.0));
        assert_eq!(rest.forecast_gbp, None);
        let total = lines.last().expect("a total");
        assert_eq!(total.kind, LineKind::Total);
        assert_eq!(total.variance_gbp, Some(200.0));
        // Without the mix, the new placements are a line of their own.
        let unsplit = snapshot(1_200.0, 600.0, false);
        assert!(
            super::lines(&unsplit, None)
                .iter()
                .any(|l| l.kind == LineKind::NewPlacements)
        );
        // Moved from a forecast without the mix: the listed placements alone, like with like.
        let moved = super::lines(&now, Some(&unsplit));
        let homes = moved
            .iter()
            .find(|l| l.kind == LineKind::Placement(PlacementType::Residential))
            .expect("a homes line");
        assert_eq!(homes.movement_gbp, Some(0.0));
    }
}
