#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The SSDA903 import, checked against a simulation with known rates (no real child's data):
//! the opening stock equals an independent count, fitted rates recover the simulation's within
//! sampling error, the split of years between files does not matter, bad input is named.

use care_levers::io::ssda903::simulate::{Simulation, SimulationSettings, simulate};
use care_levers::io::ssda903::{ImportError, ImportOptions, InputFile, ReadError, import};
use care_levers::model::episodes::{Date, EpisodeFitOptions, FindingKind};
use care_levers::model::{AgeBand, Month, PlacementType, Scenario, StockTotals, project};

fn simulation() -> Simulation {
    simulate(&SimulationSettings::typical(7, 600.0, (2013, 2022)))
}

/// The returns in `groups` of years, each group one header and one episodes file (rows of the
/// years stacked, as a council's multi-year extract).
fn grouped(sim: &Simulation, groups: &[std::ops::RangeInclusive<i32>]) -> Vec<InputFile> {
    let mut files = Vec::new();
    for (g, years) in groups.iter().enumerate() {
        let mut header = String::new();
        let mut episodes = String::new();
        for (year, h, e) in &sim.returns {
            if years.contains(year) {
                let skip = |text: &str, first: bool| -> String {
                    if first {
                        text.to_string()
                    } else {
                        text.split_once("\r\n").unwrap().1.to_string()
                    }
                };
                header += &skip(h, header.is_empty());
                episodes += &skip(e, episodes.is_empty());
            }
        }
        files.push(InputFile {
            name: format!("episodes_{g}.csv"),
            bytes: episodes.into_bytes(),
        });
        files.push(InputFile {
            name: format!("header_{g}.csv"),
            bytes: header.into_bytes(),
        });
    }
    files
}

fn options(at: Option<Month>) -> ImportOptions {
    ImportOptions {
        fit: EpisodeFitOptions {
            at,
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn the_opening_stock_and_every_monthly_count_equal_an_independent_count() {
    let sim = simulation();
    let imported = import(&sim.files(2013..=2022), &options(None)).unwrap();
    let s = &imported.scenario;
    assert_eq!(s.start_month, Month::new(2022, 4).unwrap());
    let truth = sim.in_care_on(Date::from_ymd(2022, 3, 31).unwrap());
    for (i, p) in PlacementType::ALL.iter().enumerate() {
        assert_eq!(
            s.opening_looked_after.in_placement(*p),
            truth[i] as f64,
            "{p:?}"
        );
    }
    assert_eq!(
        imported.summary.measured.children_at_start,
        truth.iter().sum::<u64>()
    );
    // Every month's count as actuals, from March 2012 (the night before the first return).
    assert_eq!(
        s.actuals.looked_after.first().unwrap().month,
        Month::new(2012, 3).unwrap()
    );
    assert_eq!(s.actuals.looked_after.len(), 121);
    for counted in &s.actuals.looked_after {
        let truth = sim.in_care_on(Date::end_of(counted.month));
        assert_eq!(
            counted.total,
            truth.iter().sum::<u64>() as f64,
            "{}",
            counted.month
        );
        assert_eq!(
            counted.by_placement[&PlacementType::Residential],
            truth[3] as f64
        );
    }
    // Short breaks are left out and said so; nothing else in a clean simulation is a warning.
    let short = imported
        .summary
        .findings
        .iter()
        .find(|g| g.kind == FindingKind::ShortBreak)
        .unwrap();
    assert!(short.count > 0 && short.routine);
    let warnings: Vec<_> = imported
        .summary
        .warnings()
        .map(|g| (g.kind, g.count))
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    s.validate().unwrap();
}

#[test]
fn fitted_rates_recover_the_simulations_within_sampling_error() {
    let sim = simulation();
    let settings = &sim.settings;
    let imported = import(&sim.files(2013..=2022), &options(None)).unwrap();
    let s = &imported.scenario;
    let m = &imported.summary.measured;
    // Entries: Poisson, 3 years.
    let expected = settings.entries_per_year * 3.0;
    let z = (m.entries as f64 - expected) / expected.sqrt();
    assert!(z.abs() < 4.0, "entries {} against {expected}", m.entries);
    assert!((s.entries.per_year - m.entries as f64 / 3.0).abs() < 0.06);
    // Exit rates by age band and route: |fitted - true| within 4 standard errors.
    for (b, band) in AgeBand::ALL.iter().enumerate() {
        let months = m.child_months[band.label()];
        for (route, fitted) in [
            s.exits.return_home_percent_per_month[*band],
            s.exits.adoption_sgo_percent_per_month[*band],
            s.exits.other_percent_per_month[*band],
        ]
        .iter()
        .enumerate()
        {
            let truth = settings.exit_percent_per_month[b][route];
            let standard_error = (truth / 100.0 * months).sqrt() / months * 100.0;
            let z = (fitted - truth) / standard_error;
            assert!(
                z.abs() < 4.0,
                "band {}, route {route}: fitted {fitted:.3}% a month against {truth}% (se {standard_error:.3}, {months:.0} child-months)",
                band.label()
            );
        }
    }
    // Age at entry and the moves the levers act on, roughly.
    for (b, band) in AgeBand::ALL.iter().enumerate() {
        let truth = settings.entry_age_percent[b];
        assert!(
            (s.entries.age_percent[*band] - truth).abs() < 3.0,
            "{band:?}"
        );
    }
    assert!(
        (m.residential_to_foster_percent_per_year - 8.0).abs() < 3.0,
        "{m:?}"
    );
    assert!(
        (m.seventeen_to_supported_percent_per_year - 25.0).abs() < 6.0,
        "{m:?}"
    );
}

/// The scenario with the texts that name the files left out.
fn numbers_only(mut s: Scenario) -> Scenario {
    s.description.clear();
    s.sources.clear();
    for counted in &mut s.actuals.looked_after {
        counted.source.clear();
    }
    s
}

#[test]
fn splitting_the_years_differently_gives_the_same_scenario() {
    let sim = simulation();
    let by_year = import(&sim.files(2013..=2022), &options(None)).unwrap();
    let all_in_one = import(&grouped(&sim, &[2013..=2022]), &options(None)).unwrap();
    let two_groups = import(&grouped(&sim, &[2018..=2022, 2013..=2017]), &options(None)).unwrap();
    let mut reversed = sim.files(2013..=2022);
    reversed.reverse();
    let reversed = import(&reversed, &options(None)).unwrap();
    let expected = numbers_only(by_year.scenario);
    assert_eq!(numbers_only(all_in_one.scenario), expected);
    assert_eq!(numbers_only(two_groups.scenario), expected);
    assert_eq!(numbers_only(reversed.scenario), expected);
}

/// Backtest: fit on 2013-2017, project five years, compare with the simulated counts.
#[test]
fn a_fit_on_the_first_years_forecasts_the_rest() {
    let sim = simulation();
    let imported = import(&sim.files(2013..=2017), &options(None)).unwrap();
    let s = &imported.scenario;
    assert_eq!(s.start_month, Month::new(2017, 4).unwrap());
    assert_eq!(
        s.actuals.looked_after.last().unwrap().month,
        Month::new(2017, 3).unwrap()
    );
    let projection = project(s);
    let mut errors = Vec::new();
    for year in 2018..=2022 {
        let month = Month::new(year, 3).unwrap();
        let projected = projection
            .months
            .iter()
            .find(|m| m.month == month)
            .unwrap()
            .looked_after;
        let truth = sim.in_care_on(Date::end_of(month)).iter().sum::<u64>() as f64;
        errors.push((projected - truth).abs() / truth * 100.0);
    }
    let mape = errors.iter().sum::<f64>() / errors.len() as f64;
    println!("simulation backtest from March 2017: errors by year {errors:.1?}%, mean {mape:.1}%");
    assert!(mape < 6.0, "{errors:?}");
}

fn tiny_files(header: &str, episodes: &str) -> Vec<InputFile> {
    vec![
        InputFile {
            name: "header.csv".into(),
            bytes: header.as_bytes().to_vec(),
        },
        InputFile {
            name: "episodes.csv".into(),
            bytes: episodes.as_bytes().to_vec(),
        },
    ]
}

const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n\
A1,1,01/06/2010,WBRI,UN1,,\n\
A2,2,15/01/2005,WBRI,UN1,,\n\
A3,1,,WBRI,UN1,,\n\
A4,2,2008-02-29,WBRI,UN1,,\n";

#[test]
fn bad_rows_are_named_and_counted_and_nothing_is_dropped_silently() {
    let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,EXTRA\n\
A1,01/05/2020,S,C2,N1,U4,PR1,,,,,,,x\n\
A2,01/07/2019,S,C2,N1,K2,PR4,10/10/2019,X1,,,,,\n\
A2,10/10/2019,P,C2,N1,QQ,PR4,,,,,,,\n\
A3,01/01/2021,S,C2,N1,U1,PR1,,,,,,,\n\
A4,01/01/2021,S,C2,N1,U6,,31/02/2021,E4A,,,,,\n\
A4,01/03/2021,S,C2,N1,U6,PR4,01/02/2021,E4A,,,,,\n\
A5,01/03/2021,S,C2,N1,U6,PR4,,,,,,,\n\
A1,01/03/2022,S,C2,N1,U6,PR4,01/03/2022,E99,,,,,\n";
    let imported = import(
        &tiny_files(HEADER, episodes),
        &options(Some(Month::new(2021, 12).unwrap())),
    )
    .unwrap();
    let find = |kind| {
        imported
            .summary
            .findings
            .iter()
            .find(|g| g.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} in {:#?}", imported.summary.findings))
            .clone()
    };
    assert_eq!(
        find(FindingKind::UnknownPlace).examples,
        vec!["episodes.csv, row 4, PLACE: QQ"]
    );
    assert_eq!(
        find(FindingKind::UnreadableDate).examples,
        vec!["episodes.csv, row 6, DEC: 31/02/2021"]
    );
    assert_eq!(
        find(FindingKind::EndsBeforeStart).examples,
        vec!["episodes.csv, row 7, DEC: DECOM 01/03/2021, DEC 01/02/2021"]
    );
    assert_eq!(
        find(FindingKind::NoBirthDate).examples,
        vec!["header.csv, row 4, DOB: child A3: episodes left out"]
    );
    assert_eq!(
        find(FindingKind::NoHeader).examples,
        vec!["episodes.csv, row 8: child A5: episodes left out"]
    );
    assert_eq!(
        find(FindingKind::UnknownReason).examples,
        vec!["episodes.csv, row 9, REC: E99"]
    );
    let lines = imported.summary.lines().join("\n");
    assert!(
        lines.contains("Warning: 1 × an unknown PLACE code"),
        "{lines}"
    );
    // A1 and A2 are in care at the end of December 2021; A2 counted as with parents / other.
    assert_eq!(imported.scenario.opening_looked_after.total_children(), 2.0);
    assert_eq!(
        imported
            .scenario
            .opening_looked_after
            .in_placement(PlacementType::WithParentsOther),
        1.0
    );
}

#[test]
fn files_that_cannot_be_read_are_refused_by_name() {
    let episodes =
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\nA1,01/05/2020,S,C2,N1,U4,PR1,,\n";
    let refused = |files: Vec<InputFile>| import(&files, &options(None)).unwrap_err().to_string();
    let missing = episodes.replace(",PLACE_PROVIDER", "").replace(",PR1", "");
    let message = refused(tiny_files(HEADER, &missing));
    assert!(
        message.contains("episodes.csv") && message.contains("PLACE_PROVIDER"),
        "{message}"
    );
    assert!(refused(tiny_files(HEADER, "")).contains("episodes.csv: the file is empty"));
    let binary = InputFile {
        name: "episodes.xlsx".into(),
        bytes: vec![0x50, 0x4b, 3, 4, 0, 0, 1, 2],
    };
    assert!(matches!(
        import(&[binary], &options(None)),
        Err(ImportError::Read(ReadError::Binary { .. }))
    ));
    assert!(
        refused(tiny_files("NAME,AGE\nx,1\n", episodes))
            .contains("header.csv: not an SSDA903 table")
    );
    assert!(matches!(
        import(
            &tiny_files(HEADER, "CHILD,DOB,SDQ_SCORE\nA1,01/01/2010,3\n"),
            &options(None)
        ),
        Err(ImportError::NoEpisodes)
    ));
}

#[test]
fn encodings_and_line_endings_as_councils_export_them() {
    let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\r\nA1,01/05/2020,S,C2,N1,U4,PR1,,\r\nA2,01/07/2019,S,C2,N1,K2,PR4,,\r\n";
    let plain = import(&tiny_files(HEADER, episodes), &options(None)).unwrap();
    // UTF-8 with a byte-order mark, and Windows-1252 with a £ in an extra column.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(episodes.as_bytes());
    let mut cp1252 = HEADER.replace("MC_DOB", "MC_DOB,NOTE").into_bytes();
    cp1252.extend_from_slice(b"A9,1,01/01/2012,WBRI,UN1,,,\xa3 fees\n");
    let files = vec![
        InputFile {
            name: "header.csv".into(),
            bytes: cp1252,
        },
        InputFile {
            name: "episodes.csv".into(),
            bytes: bom,
        },
    ];
    let other = import(&files, &options(None)).unwrap();
    assert_eq!(
        other.scenario.opening_looked_after,
        plain.scenario.opening_looked_after
    );
    assert_eq!(other.summary.files[0].encoding, "Windows-1252");
    assert_eq!(other.summary.files[1].encoding, "UTF-8 with BOM");
}

#[test]
fn the_docs_list_every_code_as_the_importer_reads_it() {
    use care_levers::model::episodes::codes::{PLACE_CODES, PROVIDER_CODES, REC_CODES};
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ssda903.md")).unwrap();
    let row = |code: &str| {
        docs.lines()
            .find(|line| line.starts_with(&format!("| {code} |")))
            .unwrap_or_else(|| panic!("docs/ssda903.md has no row for {code}"))
            .to_string()
    };
    for (code, meaning, _) in PLACE_CODES {
        let line = row(code);
        assert!(line.contains(meaning), "{line}");
        let (placed, _) = care_levers::model::episodes::codes::placement(code, "PR4");
        if let care_levers::model::episodes::Placed::In(p) = placed {
            assert!(line.contains(p.key()), "{line} should say {}", p.key());
        }
    }
    for (code, meaning, _) in PROVIDER_CODES {
        assert!(row(code).contains(meaning));
    }
    for (code, meaning, ending) in REC_CODES {
        let line = row(code);
        assert!(line.contains(meaning), "{line}");
        let words = match ending {
            care_levers::model::episodes::Ending::StaysInCare => "not an exit",
            other => other.label(),
        };
        assert!(line.contains(words), "{line} should say {words}");
    }
}

/// Writes small simulated returns as seeds for the SSDA903 fuzz target (header, a 0xFF byte,
/// episodes; as the target splits them). Run by scripts/fuzz.sh:
/// `CARE_LEVERS_FUZZ_SEEDS=DIR cargo test --test ssda903 -- --ignored write_fuzz_seeds`.
#[test]
#[ignore = "writes fuzz seeds; run by scripts/fuzz.sh"]
fn write_fuzz_seeds() {
    let Some(folder) = std::env::var_os("CARE_LEVERS_FUZZ_SEEDS") else {
        return;
    };
    let folder = std::path::PathBuf::from(folder);
    std::fs::create_dir_all(&folder).unwrap();
    for (seed, entries, years) in [
        (1, 12.0, (2020, 2021)),
        (2, 25.0, (2019, 2021)),
        (3, 6.0, (2021, 2021)),
    ] {
        let sim = simulate(&SimulationSettings::typical(seed, entries, years));
        for (year, header, episodes) in &sim.returns {
            let mut bytes = header.as_bytes().to_vec();
            bytes.push(0xFF);
            bytes.extend_from_slice(episodes.as_bytes());
            std::fs::write(folder.join(format!("simulated_{seed}_{year}.bin")), bytes).unwrap();
        }
    }
}

#[test]
fn codes_new_in_recent_returns_are_read_and_the_summary_says_as_what() {
    let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n\
A1,01/05/2024,S,C2,N1,U4,PR1,01/06/2025,P,,,,\n\
A1,01/06/2025,P,C2,N1,Z11,PR4,,,,,,\n\
A2,01/07/2024,S,C2,N1,K3,PR4,,,,,,\n\
A4,01/01/2025,S,C2,N1,K3,PR4,,,,,,\n";
    let imported = import(
        &tiny_files(HEADER, episodes),
        &options(Some(Month::new(2025, 9).unwrap())),
    )
    .unwrap();
    let group = imported
        .summary
        .findings
        .iter()
        .find(|g| g.kind == FindingKind::RecentPlaceCode)
        .unwrap_or_else(|| panic!("{:#?}", imported.summary.findings));
    // Each code once, with what it became.
    assert_eq!(group.count, 2, "{group:#?}");
    assert!(group.routine);
    let examples = group.examples.join("\n");
    assert!(
        examples.contains("K3: read as Supported accommodation"),
        "{examples}"
    );
    assert!(
        examples.contains("Z11: read as Placed with parents / other"),
        "{examples}"
    );
    // A K3 child is in supported accommodation (A4, 17; A2 was 18 before the episode began).
    assert_eq!(
        imported
            .scenario
            .opening_looked_after
            .in_placement(PlacementType::Supported),
        1.0
    );
}

/// The simulated children counted as unaccompanied asylum-seeking children in the UASC tests:
/// every fourth child who first came into care aged 14 or over.
fn uasc_children(sim: &Simulation) -> Vec<usize> {
    let mut chosen: Vec<usize> = sim
        .episodes
        .iter()
        .filter(|e| {
            e.rne == "S" && e.child % 4 == 0 && e.start >= sim.births[e.child].years_later(14)
        })
        .map(|e| e.child)
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// A UASC table naming `children` (CHILD, SEX, DOB, DUC: the status ends at 18).
fn uasc_table(sim: &Simulation, children: &[usize]) -> InputFile {
    let mut text = String::from("CHILD,SEX,DOB,DUC\r\n");
    for &child in children {
        let birth = sim.births[child];
        text += &format!(
            "C{child:06},1,{},{}\r\n",
            birth.dfe(),
            birth.years_later(18).dfe()
        );
    }
    InputFile {
        name: "uasc_2013_2022.csv".into(),
        bytes: text.into_bytes(),
    }
}

#[test]
fn a_uasc_table_counts_those_children_apart_and_nothing_is_lost() {
    let sim = simulation();
    let chosen = uasc_children(&sim);
    assert!(chosen.len() > 100, "{}", chosen.len());
    let mut files = sim.files(2013..=2022);
    let mixed = import(&files, &options(None)).unwrap();
    files.push(uasc_table(&sim, &chosen));
    let apart = import(&files, &options(None)).unwrap();

    // The table is recognised, and the children it names are apart from the others.
    assert!(
        apart
            .summary
            .files
            .iter()
            .any(|f| f.kind == care_levers::io::ssda903::FileKind::Uasc),
        "{:#?}",
        apart.summary.files
    );
    assert!(mixed.scenario.uasc.is_none());
    let uasc = apart.scenario.uasc.clone().expect("UASC counted apart");

    // An independent count of the chosen children in care at 31 March 2022.
    let day = Date::from_ymd(2022, 3, 31).unwrap();
    let in_care: usize = sim
        .episodes
        .iter()
        .filter(|e| {
            chosen.binary_search(&e.child).is_ok()
                && e.legal_status != "V3"
                && e.start <= day
                && e.end.is_none_or(|end| end > day)
        })
        .count();
    let m = &apart.summary.measured;
    assert_eq!(m.uasc_at_start as usize, in_care);
    assert_eq!(uasc.opening_total(), in_care as f64);
    // Nothing lost: the children in care and the periods of care begun are the same in total.
    assert_eq!(
        m.children_at_start,
        mixed.summary.measured.children_at_start
    );
    assert_eq!(
        apart.scenario.opening_looked_after.total_children() + uasc.opening_total(),
        mixed.scenario.opening_looked_after.total_children()
    );
    assert_eq!(m.entries + m.uasc_arrivals, mixed.summary.measured.entries);
    assert!((uasc.arrivals_per_year - m.uasc_arrivals as f64 / 3.0).abs() < 0.06);
    // Arrivals are aged 14 or over, so in the bands from 10 up.
    let older: f64 = [AgeBand::Age10To15, AgeBand::Age16, AgeBand::Age17]
        .iter()
        .map(|b| uasc.arrival_age_percent[*b])
        .sum();
    assert!(
        (older - 100.0).abs() < 1e-9,
        "{:?}",
        uasc.arrival_age_percent
    );
    assert!(uasc.leaving_percent_per_month > 0.0 && uasc.leaving_percent_per_month < 10.0);
    assert!(uasc.grant_gbp_per_week > 0.0);
    // The projection starts from the same children and counts the UASC in them.
    let projection = project(&apart.scenario);
    assert!(
        (projection.months[0].looked_after - project(&mixed.scenario).months[0].looked_after).abs()
            < 0.05 * m.children_at_start as f64
    );
    assert!(
        projection
            .months
            .iter()
            .all(|f| f.looked_after.is_finite() && f.looked_after >= 0.0)
    );
    let summary = apart.summary.lines().join("\n");
    assert!(
        summary.contains("of them unaccompanied asylum-seeking children"),
        "{summary}"
    );
    assert!(apart.scenario.sources["uasc"].contains("UASC table"));
}

#[test]
fn a_header_uasc_column_counts_the_same_children_as_the_table() {
    let sim = simulation();
    let chosen = uasc_children(&sim);
    let mut with_table = sim.files(2013..=2022);
    with_table.push(uasc_table(&sim, &chosen));
    let by_table = import(&with_table, &options(None)).unwrap();
    // The same flag in each year's header file, as some extracts carry it.
    let flagged: Vec<InputFile> = sim
        .files(2013..=2022)
        .into_iter()
        .map(|file| {
            if !file.name.starts_with("header") {
                return file;
            }
            let text = String::from_utf8(file.bytes).unwrap();
            let mut out = String::new();
            for (i, line) in text.split_terminator("\r\n").enumerate() {
                let flag = if i == 0 {
                    "UASC"
                } else {
                    let child: usize = line[1..7].parse().unwrap();
                    if chosen.binary_search(&child).is_ok() {
                        "1"
                    } else {
                        "0"
                    }
                };
                out += &format!("{line},{flag}\r\n");
            }
            InputFile {
                name: file.name,
                bytes: out.into_bytes(),
            }
        })
        .collect();
    let by_column = import(&flagged, &options(None)).unwrap();
    assert_eq!(by_column.scenario.uasc, by_table.scenario.uasc);
    assert_eq!(by_column.summary.measured, by_table.summary.measured);
}

#[test]
fn without_a_uasc_table_a_councils_published_uasc_are_not_counted_twice() {
    // Kent's published figures count UASC apart; a return without a UASC table cannot tell
    // them from the others, so the imported scenario must not add Kent's on top.
    let sim = simulation();
    let imported = import(
        &sim.files(2013..=2022),
        &ImportOptions {
            money: care_levers::io::ssda903::MoneyFrom::Council("Kent".into()),
            ..options(None)
        },
    )
    .unwrap();
    assert!(imported.scenario.uasc.is_none());
    assert!(
        imported
            .summary
            .notes
            .iter()
            .any(|n| n.contains("no UASC table")),
        "{:#?}",
        imported.summary.notes
    );
    assert_eq!(
        imported.scenario.opening_looked_after.total_children(),
        imported.summary.measured.children_at_start as f64
    );
}
