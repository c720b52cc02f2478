//! `cargo bench --bench briefing`: a committee briefing of the 2014 target plan, from the
//! scenario to the .docx and to the .pdf bytes: projection, 1,000 Monte Carlo draws on both
//! cores, the evidence-based option, the charts' descriptions, then the Word parts or the PDF
//! (layout, fonts subset and embedded, the PDF/UA-1 check). Goal (issue 22): < 1 s.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic: that is how they fail.

use care_levers::io::briefing_file::{BriefingRequest, make};
use care_levers::io::scenario_file;
use care_levers::model::evidence::Library;
use care_levers::model::monte_carlo::{DEFAULT_DRAWS, DEFAULT_SEED};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let scenario = scenario_file::example(1).unwrap();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut group = c.benchmark_group("briefing");
    group.sample_size(20);
    for format in care_levers::io::briefing_file::Format::ALL {
        let name = format!("2014 target plan to .{} bytes", format.extension());
        group.bench_function(name, |b| {
            b.iter(|| {
                let request = BriefingRequest {
                    scenario: scenario.clone(),
                    compared: Vec::new(),
                    file_name: "norfolk_2014_target_770.ron".into(),
                    file_sha256: None,
                    draws: DEFAULT_DRAWS,
                    seed: DEFAULT_SEED,
                    threads,
                    format,
                };
                make(&request, Library::shipped_or_empty(), None, |_, _| {}).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
