//! `cargo bench --bench councils`: a council's starting scenario built from the shipped data
//! (goal: under 5 ms), and the backtest of every council from one origin with 500 draws each
//! (goal: under 5 s).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Benchmarks may panic: that is how they fail.

use care_levers::data::councils::CouncilData;
use care_levers::io::councils::backtest_all_councils;
use care_levers::io::scenario_file;
use care_levers::model::fit::{FitOptions, fit_council};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let data = CouncilData::shipped().unwrap();
    let template = scenario_file::blank_council().unwrap();
    let figures = data.figures("926").unwrap();
    c.bench_function("council scenario: Norfolk from 31 March 2022", |b| {
        b.iter(|| {
            fit_council(
                black_box(figures),
                data.england(),
                &template,
                2022,
                FitOptions::default(),
            )
        })
    });
    let mut group = c.benchmark_group("all councils");
    group.sample_size(10);
    group.bench_function("backtest from 2017, 3 years, 500 draws each", |b| {
        b.iter(|| backtest_all_councils(black_box(&[2017]), 3, 500, 2014))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
