//! The price levers' cases as export rows: one figure a row, the same in the CSV
//! (`NAME_invest_to_save.csv`) and the Excel workbook's "Invest to save" sheet.

/// The invest-to-save table's path beside the monthly table: `plan.csv` → `plan_invest_to_save.csv`.
pub(crate) fn invest_to_save_csv_path(monthly: &std::path::Path) -> std::path::PathBuf {
    super::beside_csv_path(monthly, "invest_to_save")
}

/// One figure of a price lever's case: the lever's key, the measure's key and its label, the
/// financial year (none: the whole horizon) and the figure (a number, or a month as text).
pub struct CaseRow {
    /// "council_homes" or "block_contract".
    pub lever: &'static str,
    /// e.g. "capital_gbp", "fees_avoided_gbp".
    pub measure: &'static str,
    /// In words, as the window and the briefing say it.
    pub label: &'static str,
    /// The financial year; none for a figure of the whole horizon.
    pub financial_year: Option<crate::model::FinancialYear>,
    /// The figure.
    pub value: CaseValue,
}

/// A figure of a case.
pub enum CaseValue {
    /// A number (£, beds, or a share 0 to 1 as the measure's key says).
    Number(f64),
    /// A month ("2029-02"), or none.
    Month(Option<crate::model::Month>),
}

/// Every price lever's case as rows: the whole horizon's figures, then each year's (empty when
/// no price lever is pulled). The CSV and the Excel sheet both write these.
pub fn case_rows(cases: &crate::model::price_levers::Cases) -> Vec<CaseRow> {
    use CaseValue::{Month, Number};
    type Item = (&'static str, &'static str, CaseValue);
    let mut rows = Vec::new();
    // A lever's figures for one year, or for the horizon (no year).
    let mut push = |lever: &'static str,
                    financial_year: Option<crate::model::FinancialYear>,
                    items: Vec<Item>| {
        for (measure, label, value) in items {
            rows.push(CaseRow {
                lever,
                measure,
                label,
                financial_year,
                value,
            });
        }
    };
    let by_year = |y: &crate::model::price_levers::CaseYear| -> Vec<Item> {
        vec![
            (
                "beds_filled",
                "Beds filled (average)",
                Number(y.beds_filled),
            ),
            (
                "fees_avoided_gbp",
                "Fees avoided (doing nothing)",
                Number(y.fees_avoided_gbp),
            ),
            ("cost_gbp", "Cost", Number(y.cost_gbp)),
            ("net_saving_gbp", "Net saving", Number(y.net_saving_gbp)),
        ]
    };
    if let Some(c) = &cases.council_homes {
        let lever = "council_homes";
        push(
            lever,
            None,
            vec![
                ("beds", "Beds", Number(c.beds)),
                ("capital_gbp", "Capital", Number(c.capital_gbp)),
                (
                    "fees_avoided_gbp",
                    "Fees avoided (doing nothing)",
                    Number(c.fees_avoided_gbp),
                ),
                (
                    "running_cost_gbp",
                    "Running cost",
                    Number(c.running_cost_gbp),
                ),
                (
                    "capital_charge_gbp",
                    "Cost of capital",
                    Number(c.capital_charge_gbp),
                ),
                (
                    "saving_before_capital_gbp",
                    "Saving before the cost of capital",
                    Number(c.saving_before_capital_gbp),
                ),
                ("net_saving_gbp", "Net saving", Number(c.net_saving_gbp)),
                (
                    "net_present_value_gbp",
                    "At today's value (Green Book 3.5%)",
                    Number(c.net_present_value_gbp),
                ),
                (
                    "break_even_occupancy",
                    "Break-even occupancy (share of beds)",
                    Number(c.break_even_occupancy),
                ),
                (
                    "break_even_occupancy_before_capital",
                    "Break-even occupancy before the cost of capital (share of beds)",
                    Number(c.break_even_occupancy_before_capital),
                ),
                (
                    "planned_occupancy",
                    "Planned occupancy (share of beds)",
                    Number(c.planned_occupancy),
                ),
                ("payback_month", "Payback of the capital", Month(c.payback)),
            ],
        );
        for y in &c.years {
            push(lever, Some(y.financial_year), by_year(y));
        }
    }
    if let Some(c) = &cases.block_contract {
        let lever = "block_contract";
        push(
            lever,
            None,
            vec![
                ("beds", "Beds", Number(c.beds)),
                (
                    "fees_avoided_gbp",
                    "Fees avoided (doing nothing)",
                    Number(c.fees_avoided_gbp),
                ),
                ("cost_gbp", "Contract cost", Number(c.cost_gbp)),
                ("voids_gbp", "Paid for empty beds", Number(c.voids_gbp)),
                ("net_saving_gbp", "Net saving", Number(c.net_saving_gbp)),
                (
                    "break_even_filled",
                    "Break-even share of beds filled",
                    Number(c.break_even_filled),
                ),
            ],
        );
        for y in &c.years {
            push(lever, Some(y.financial_year), by_year(y));
        }
    }
    if let Some(c) = &cases.step_down {
        let lever = "residential_step_down";
        push(
            lever,
            None,
            vec![
                (
                    "fewer_in_residential_at_end",
                    "Fewer children in residential care at the end",
                    Number(c.fewer_in_residential_at_end),
                ),
                (
                    "placement_saving_gbp",
                    "Placement saving",
                    Number(c.placement_saving_gbp),
                ),
                ("cost_gbp", "Cost of the programme", Number(c.cost_gbp)),
                ("net_saving_gbp", "Net saving", Number(c.net_saving_gbp)),
                ("payback_month", "Pays for itself from", Month(c.payback)),
            ],
        );
        for (year, saving, cost, net) in &c.years {
            push(
                lever,
                Some(*year),
                vec![
                    ("placement_saving_gbp", "Placement saving", Number(*saving)),
                    ("cost_gbp", "Cost of the programme", Number(*cost)),
                    ("net_saving_gbp", "Net saving", Number(*net)),
                ],
            );
        }
    }
    if let Some(c) = &cases.price_cap {
        let lever = "price_cap";
        push(
            lever,
            None,
            vec![
                ("saving_gbp", "Saving", Number(c.saving_gbp)),
                (
                    "residential_cut_percent",
                    "Children's homes' prices below the scenario's by the end (%)",
                    Number(c.residential_cut_percent),
                ),
                (
                    "agency_cut_percent",
                    "Agencies' prices below the scenario's by the end (%)",
                    Number(c.agency_cut_percent),
                ),
            ],
        );
        for (year, saving) in &c.years {
            push(
                lever,
                Some(*year),
                vec![("saving_gbp", "Saving", Number(*saving))],
            );
        }
    }
    rows
}

/// The price levers' cases as CSV, one figure a row: lever, measure, financial_year (blank for
/// the whole horizon), value.
pub fn invest_to_save_csv(cases: &crate::model::price_levers::Cases) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["lever", "measure", "financial_year", "value"])?;
    for row in case_rows(cases) {
        let year = row
            .financial_year
            .map(|y| y.to_string())
            .unwrap_or_default();
        let value = match row.value {
            CaseValue::Number(v) if v.is_finite() => v.to_string(),
            CaseValue::Number(_) => String::new(),
            CaseValue::Month(month) => month.map(|m| m.to_string()).unwrap_or_default(),
        };
        writer.write_record([row.lever, row.measure, year.as_str(), value.as_str()])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The "Invest to save" sheet: one row a figure, money, shares and counts in their formats.
pub(super) fn write_sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    cases: &crate::model::price_levers::Cases,
    bold: &rust_xlsxwriter::Format,
    money: &rust_xlsxwriter::Format,
    count: &rust_xlsxwriter::Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::Format;
    sheet.set_name("Invest to save")?;
    let share = Format::new().set_num_format("0.0%");
    for (col, name) in ["Lever", "Figure", "Financial year", "Value"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(0, col as u16, *name, bold)?;
    }
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 16)?;
    sheet.set_column_width(3, 16)?;
    for (i, row) in case_rows(cases).into_iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, row.lever)?;
        sheet.write_string(r, 1, row.label)?;
        if let Some(year) = row.financial_year {
            sheet.write_string(r, 2, year.to_string())?;
        }
        match row.value {
            CaseValue::Number(v) if v.is_finite() => {
                let format = if row.measure.ends_with("_gbp") {
                    money
                } else if row.measure.starts_with("break_even")
                    || row.measure.starts_with("planned")
                {
                    &share
                } else {
                    count
                };
                sheet.write_number_with_format(r, 3, v, format)?;
            }
            CaseValue::Number(_) => {
                sheet.write_string(r, 3, "never")?;
            }
            CaseValue::Month(month) => {
                sheet.write_string(
                    r,
                    3,
                    month.map_or("not within the horizon".to_string(), |m| m.to_string()),
                )?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
