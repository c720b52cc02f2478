//! A council's own children's homes as an invest-to-save case (issue 31; docs/model.md 10): the
//! beds filled month by month (nothing before registration, then a ramp to steady occupancy),
//! the external fees each filled bed avoids, the running cost (staff are fixed, so an empty bed
//! still costs), and the capital with the cost of borrowing it, kept apart from revenue.
//!
//! Saving = fees avoided − running cost − cost of capital. A scenario pulls it as a price lever
//! ([`crate::model::scenario::CouncilHomes`]; the projection's month in
//! [`crate::model::price_levers`]); this module is the plan on its own terms.

/// A plan to open homes: how many, how big, what they cost and what they avoid.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HomesPlan {
    /// Homes opened.
    pub homes: u32,
    /// Beds in each home.
    pub beds_per_home: u32,
    /// £ capital to buy or build and equip one home, spent in the first month.
    pub capital_per_home_gbp: f64,
    /// Months from the first month to registration by Ofsted: no child is placed before, but
    /// the home is staffed (and costs) from registration.
    pub months_to_registration: u32,
    /// Months from registration to steady occupancy (filled evenly over them).
    pub ramp_months: u32,
    /// % of beds filled once steady.
    pub steady_occupancy_percent: f64,
    /// £ a year to run one home, at the first month's prices (staff mostly: the same whether
    /// its beds are full or empty).
    pub running_cost_per_home_gbp_per_year: f64,
    /// £ a week of the external placement each filled bed avoids.
    pub external_fee_gbp_per_week: f64,
    /// % a year the council pays to borrow the capital.
    pub borrowing_rate_percent: f64,
    /// Years over which the borrowing is repaid (an annuity: the same each year).
    pub repayment_years: u32,
}

/// Weeks in an average year.
const WEEKS_A_YEAR: f64 = 365.25 / 7.0;

/// One month of a plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HomesMonth {
    /// Beds filled on average in the month.
    pub occupied_beds: f64,
    /// £ of external fees avoided.
    pub fees_avoided_gbp: f64,
    /// £ to run the homes (revenue).
    pub running_cost_gbp: f64,
    /// £ capital spent (kept apart from revenue).
    pub capital_spend_gbp: f64,
    /// £ repaid on the borrowing, interest and principal (revenue).
    pub capital_charge_gbp: f64,
}

impl HomesMonth {
    /// £ net saving before the cost of capital: fees avoided − running cost.
    pub fn saving_before_capital_gbp(&self) -> f64 {
        self.fees_avoided_gbp - self.running_cost_gbp
    }

    /// £ net saving: fees avoided − running cost − the capital charge.
    pub fn net_saving_gbp(&self) -> f64 {
        self.saving_before_capital_gbp() - self.capital_charge_gbp
    }
}

impl HomesPlan {
    /// Beds in all the homes.
    pub fn beds(&self) -> f64 {
        f64::from(self.homes) * f64::from(self.beds_per_home)
    }

    /// Share (0 to 1) of beds filled `month` months after the first: none before registration,
    /// then rising evenly to the steady occupancy over the ramp.
    pub fn occupancy(&self, month: u32) -> f64 {
        let steady = (self.steady_occupancy_percent / 100.0).clamp(0.0, 1.0);
        if month < self.months_to_registration {
            return 0.0;
        }
        let into_ramp = month - self.months_to_registration + 1;
        if self.ramp_months == 0 || into_ramp >= self.ramp_months {
            steady
        } else {
            steady * f64::from(into_ramp) / f64::from(self.ramp_months)
        }
    }

    /// £ a year repaid on the capital: an annuity over the repayment years at the borrowing rate
    /// (the capital over the years when the rate is 0).
    pub fn annual_capital_charge_gbp(&self) -> f64 {
        let capital = f64::from(self.homes) * self.capital_per_home_gbp.max(0.0);
        let years = f64::from(self.repayment_years.max(1));
        let rate = self.borrowing_rate_percent / 100.0;
        if rate.abs() < 1e-12 {
            capital / years
        } else {
            capital * rate / (1.0 - (1.0 + rate).powf(-years))
        }
    }

    /// £ a year to run every home.
    pub fn annual_running_cost_gbp(&self) -> f64 {
        f64::from(self.homes) * self.running_cost_per_home_gbp_per_year.max(0.0)
    }

    /// £ a year of fees one filled bed avoids.
    pub fn annual_fee_per_bed_gbp(&self) -> f64 {
        self.external_fee_gbp_per_week.max(0.0) * WEEKS_A_YEAR
    }

    /// The share (0 to 1, or more where it can never pay) of beds that must be filled for the
    /// fees avoided to pay the running cost and the capital charge. Infinite with no beds or
    /// no fee.
    pub fn break_even_occupancy(&self) -> f64 {
        let full = self.beds() * self.annual_fee_per_bed_gbp();
        if full <= 0.0 {
            return f64::INFINITY;
        }
        (self.annual_running_cost_gbp() + self.annual_capital_charge_gbp()) / full
    }

    /// The plan month by month for `months` months: capital in the first month, its charge
    /// every month while the borrowing runs, running costs from registration, fees avoided by
    /// the beds filled. `weeks(i)` is the length of month `i` in weeks.
    pub fn months(&self, months: usize, weeks: impl Fn(usize) -> f64) -> Vec<HomesMonth> {
        (0..months).map(|i| self.month(i, weeks(i))).collect()
    }

    /// Month `i` of the plan (0 is the month the capital is spent), `weeks` long.
    pub fn month(&self, i: usize, weeks: f64) -> HomesMonth {
        let month = u32::try_from(i).unwrap_or(u32::MAX);
        let occupied_beds = self.beds() * self.occupancy(month);
        let open = month >= self.months_to_registration;
        let charge_months = self.repayment_years as usize * 12;
        HomesMonth {
            occupied_beds,
            fees_avoided_gbp: occupied_beds * self.external_fee_gbp_per_week.max(0.0) * weeks,
            running_cost_gbp: if open {
                self.annual_running_cost_gbp() / WEEKS_A_YEAR * weeks
            } else {
                0.0
            },
            capital_spend_gbp: if i == 0 {
                f64::from(self.homes) * self.capital_per_home_gbp.max(0.0)
            } else {
                0.0
            },
            capital_charge_gbp: if i < charge_months {
                self.annual_capital_charge_gbp() / 12.0
            } else {
                0.0
            },
        }
    }
}

/// The HM Treasury Green Book's discount rate for public spending, % a year.
pub const GREEN_BOOK_DISCOUNT_PERCENT: f64 = 3.5;

/// £ net present value of monthly amounts (the first at month 0) at `rate_percent` a year.
pub fn net_present_value(monthly: &[f64], rate_percent: f64) -> f64 {
    let monthly_factor = (1.0 + rate_percent / 100.0).powf(1.0 / 12.0);
    monthly
        .iter()
        .enumerate()
        .map(|(i, amount)| amount / monthly_factor.powi(i32::try_from(i).unwrap_or(i32::MAX)))
        .sum()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Two homes of four beds, as the example council opens.
    pub(crate) fn two_homes(occupancy: f64) -> HomesPlan {
        HomesPlan {
            homes: 2,
            beds_per_home: 4,
            capital_per_home_gbp: 1_000_000.0,
            months_to_registration: 0,
            ramp_months: 0,
            steady_occupancy_percent: occupancy,
            running_cost_per_home_gbp_per_year: 900_000.0,
            external_fee_gbp_per_week: 6_000.0,
            borrowing_rate_percent: 5.0,
            repayment_years: 25,
        }
    }

    const WEEK: f64 = 7.0;

    fn year(plan: &HomesPlan) -> Vec<HomesMonth> {
        // Twelve months of 365.25 / 12 days: a year of WEEKS_A_YEAR weeks.
        plan.months(12, |_| 365.25 / 12.0 / WEEK)
    }

    #[test]
    fn an_empty_home_costs_its_running_cost_and_saves_nothing() {
        let plan = two_homes(0.0);
        let months = year(&plan);
        let fees: f64 = months.iter().map(|m| m.fees_avoided_gbp).sum();
        let running: f64 = months.iter().map(|m| m.running_cost_gbp).sum();
        let before_capital: f64 = months.iter().map(|m| m.saving_before_capital_gbp()).sum();
        assert_eq!(fees, 0.0);
        assert!((running - 1_800_000.0).abs() < 1e-6, "{running}");
        assert!((before_capital + 1_800_000.0).abs() < 1e-6);
        // With its capital charge too: a loss of both.
        let net: f64 = months.iter().map(|m| m.net_saving_gbp()).sum();
        assert!((net + 1_800_000.0 + plan.annual_capital_charge_gbp()).abs() < 1e-6);
    }

    #[test]
    fn a_full_home_saves_the_fee_less_its_own_cost_for_each_bed() {
        let plan = two_homes(100.0);
        let months = year(&plan);
        let before_capital: f64 = months.iter().map(|m| m.saving_before_capital_gbp()).sum();
        let fee_a_year = 6_000.0 * 365.25 / 7.0;
        let own_cost_per_bed = 900_000.0 / 4.0;
        assert!(
            (before_capital - (fee_a_year - own_cost_per_bed) * 8.0).abs() < 1e-6,
            "{before_capital}"
        );
    }

    #[test]
    fn break_even_occupancy_is_the_hand_calculation() {
        let plan = two_homes(85.0);
        // Annuity on £2m at 5% over 25 years: 2,000,000 × 0.05 / (1 − 1.05^−25) = £141,904.9.
        let charge = plan.annual_capital_charge_gbp();
        assert!((charge - 141_904.9).abs() < 0.1, "{charge}");
        // (£1.8m running + £141,904.9) / (8 beds × £6,000 × 52.18 weeks = £2,504,571.4).
        let by_hand = (1_800_000.0 + 141_904.9) / (8.0 * 6_000.0 * 365.25 / 7.0);
        assert!((plan.break_even_occupancy() - by_hand).abs() < 1e-6);
        assert!((by_hand - 0.7753).abs() < 1e-4);
        // At the break-even occupancy a steady year saves nothing, net of capital.
        let mut at_break_even = plan;
        at_break_even.steady_occupancy_percent = plan.break_even_occupancy() * 100.0;
        let net: f64 = year(&at_break_even)
            .iter()
            .map(|m| m.net_saving_gbp())
            .sum();
        assert!(net.abs() < 1e-3, "{net}");
    }

    #[test]
    fn no_child_is_placed_before_registration_and_beds_fill_over_the_ramp() {
        let mut plan = two_homes(80.0);
        plan.months_to_registration = 6;
        plan.ramp_months = 4;
        assert_eq!(plan.occupancy(5), 0.0);
        assert!((plan.occupancy(6) - 0.2).abs() < 1e-12);
        assert!((plan.occupancy(8) - 0.6).abs() < 1e-12);
        assert!((plan.occupancy(9) - 0.8).abs() < 1e-12);
        assert!((plan.occupancy(30) - 0.8).abs() < 1e-12);
        let months = plan.months(12, |_| 4.35);
        assert_eq!(months[5].running_cost_gbp, 0.0);
        assert!(months[6].running_cost_gbp > 0.0);
        assert_eq!(months[0].capital_spend_gbp, 2_000_000.0);
        assert_eq!(months[1].capital_spend_gbp, 0.0);
    }

    #[test]
    fn the_net_present_value_discounts_later_months() {
        assert_eq!(net_present_value(&[100.0], 3.5), 100.0);
        let twelve = vec![0.0; 12].into_iter().chain([103.5]).collect::<Vec<_>>();
        assert!((net_present_value(&twelve, GREEN_BOOK_DISCOUNT_PERCENT) - 100.0).abs() < 1e-9);
    }
}
