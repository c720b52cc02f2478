//! `care-levers forecast` on a large council's placement list: 5,000 placements (a simulation;
//! no real data) read from CSV and forecast to 31 March. Goal: under 0.5 s on this project's
//! 2-core machine (docs/performance.md).

use care_levers::io::placement_list::{read, simulate::simulate};
use care_levers::model::FinancialYear;
use care_levers::model::episodes::Date;
use care_levers::model::outturn::{ForecastInputs, NewPlacements, forecast};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn five_thousand_placements(c: &mut Criterion) {
    let Some(as_at) = Date::from_ymd(2025, 9, 30) else {
        return;
    };
    let sim = simulate(5_000, 3, as_at);
    let inputs = ForecastInputs {
        financial_year: FinancialYear { start_year: 2025 },
        as_at,
        spend_to_date_gbp: None,
        new_placements: NewPlacements {
            per_month: 20.0,
            weekly_cost_gbp: 1_500.0,
            cost_share_by_type: None,
        },
        other_income_gbp: 0.0,
        budget_gbp: Some(150_000_000.0),
    };
    let mut group = c.benchmark_group("forecast");
    group.sample_size(20);
    group.bench_function("read and forecast 5,000 placements", |b| {
        b.iter(|| {
            read("placements.csv", black_box(sim.csv.as_bytes()))
                .map(|list| forecast(&list.placements, &inputs).forecast_gbp)
        })
    });
    group.finish();
}

criterion_group!(benches, five_thousand_placements);
criterion_main!(benches);
