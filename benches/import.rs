//! `care-levers import` on a large council: ten years of SSDA903 returns (a simulation with
//! about 5,000 children entering care a year; no real data), read from memory, cleaned and
//! fitted. Goal: under 1 s on this project's 2-core machine.

use care_levers::io::ssda903::simulate::{SimulationSettings, simulate};
use care_levers::io::ssda903::{ImportOptions, import};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn large_council(c: &mut Criterion) {
    let sim = simulate(&SimulationSettings::typical(11, 5000.0, (2013, 2022)));
    let files = sim.files(2013..=2022);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let rows: usize = sim
        .returns
        .iter()
        .map(|(_, _, e)| e.lines().count() - 1)
        .sum();
    eprintln!(
        "ten returns: {} MB, {rows} episode rows, {} children",
        bytes / 1_000_000,
        sim.births.len()
    );
    let options = ImportOptions::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("ten years, 5,000 entries a year", |b| {
        b.iter(|| import(black_box(&files), &options).map(|i| i.summary.episodes))
    });
    group.finish();
}

criterion_group!(benches, large_council);
criterion_main!(benches);
