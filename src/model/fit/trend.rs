//! Trends and flows: least-squares lines and the mean of a flow over recent years.

use super::figures::{Figures, get};
use super::tuning::FLOW_YEARS;

/// The % a year that best fits `values` (by least squares on their logarithms), or none with
/// fewer than three positive values.
pub fn log_linear_trend(values: &[(f64, f64)]) -> Option<f64> {
    let points: Vec<(f64, f64)> = values
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|&(x, v)| (x, v.ln()))
        .collect();
    if points.len() < 3 {
        return None;
    }
    let line = least_squares(&points)?;
    Some((line.slope.exp() - 1.0) * 100.0)
}

/// A straight line fitted by least squares: through the means, with this slope.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Mean of the x values.
    pub mean_x: f64,
    /// Mean of the y values.
    pub mean_y: f64,
    /// Change in y per unit of x (0 when every x is the same).
    pub slope: f64,
}

impl Line {
    /// The line's value at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.mean_y + self.slope * (x - self.mean_x)
    }
}

/// The least-squares line through `points` (none if there are none).
pub fn least_squares(points: &[(f64, f64)]) -> Option<Line> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    Some(Line {
        mean_x,
        mean_y,
        slope,
    })
}

/// The mean of a flow over the `FLOW_YEARS` years to `year` (those published).
pub(super) fn mean_flow(figures: &Figures, year: i32) -> Option<(f64, usize)> {
    let values: Vec<f64> = ((year - FLOW_YEARS + 1)..=year)
        .filter_map(|y| get(figures, &y.to_string(), "total"))
        .collect();
    (!values.is_empty()).then(|| {
        (
            values.iter().sum::<f64>() / values.len() as f64,
            values.len(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_steady_five_percent_rise_is_found() {
        let values: Vec<(f64, f64)> = (0..5)
            .map(|i| (2015.0 + f64::from(i), 400.0 * 1.05f64.powi(i)))
            .collect();
        assert!((log_linear_trend(&values).unwrap() - 5.0).abs() < 1e-9);
        assert_eq!(log_linear_trend(&values[..2]), None);
    }
}
