//! `cargo bench --bench monte_carlo`: 1,000 draws of a 10-year monthly projection with chance
//! variation in entries and exits and each pulled lever's delivery (effect achieved, start
//! delay) drawn, on both cores. Goal (issue 21): at most 5 ms, and 8 ms with twins; not met yet
//! (docs/performance.md).
//! Also the same with each draw's do-nothing twin, as the window's worker runs it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::scenario_file;
use care_levers::model::monte_carlo::{
    DEFAULT_DRAWS, DEFAULT_SEED, monte_carlo, monte_carlo_with_twin,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut scenario = match scenario_file::norfolk_2014() {
        Ok(scenario) => scenario,
        Err(error) => panic!("the built-in scenario does not load: {error}"),
    };
    scenario.horizon_years = 10;
    scenario.levers.early_help.value = 3_000_000.0;
    scenario.levers.foster_recruitment.value = 30.0;
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut group = c.benchmark_group("monte_carlo");
    group.sample_size(30);
    group.bench_function("1000 draws, 10 years monthly", |b| {
        b.iter(|| monte_carlo(black_box(&scenario), DEFAULT_DRAWS, DEFAULT_SEED, threads))
    });
    group.bench_function("1000 draws with twins, 10 years monthly", |b| {
        b.iter(|| monte_carlo_with_twin(black_box(&scenario), DEFAULT_DRAWS, DEFAULT_SEED, threads))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
