//! Synthetic SSDA903 returns from a simulation with known rates: for the import's tests, its
//! benchmark and its backtest (docs/ssda903.md). No real child's data is anywhere in Care Levers;
//! every identifier, date and postcode here is made up by a seeded random generator.
//!
//! Children enter care as a Poisson process, with an age and a first placement drawn from the
//! settings; in care each faces constant monthly hazards by age band (return home, adoption or
//! an order, other exits, moves between carers, changes of legal status, short temporary moves,
//! residential to foster care, 17-year-olds to supported accommodation) and leaves at 18.

use crate::model::episodes::date::Date;
use crate::model::placement::PlacementType;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Exp};
use rand_pcg::Pcg64;
use std::fmt::Write;

/// What to simulate. Rates are the truth the import should recover.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulationSettings {
    /// Seed for the random generator.
    pub seed: u64,
    /// Years ending 31 March for which returns are written, e.g. (2013, 2022): ten returns.
    pub returns: (i32, i32),
    /// Children entering care a year.
    pub entries_per_year: f64,
    /// % of entries in each age band (0-4, 5-9, 10-15, 16, 17).
    pub entry_age_percent: [f64; 5],
    /// % of entries in each band placed first in each type (in-house, IFA, kinship,
    /// residential, supported, with parents / other), each row adding up to 100.
    pub first_placement_percent: [[f64; 6]; 5],
    /// % a month leaving care by band: [return home, adoption / SGO / order, other].
    pub exit_percent_per_month: [[f64; 3]; 5],
    /// % of children in residential homes moving to foster care a year.
    pub residential_to_foster_percent_per_year: f64,
    /// % of 17-year-olds in foster care or homes moving to supported accommodation a year.
    pub seventeen_to_supported_percent_per_year: f64,
    /// % a year moving to a new carer of the same type (a new episode, RNE P).
    pub carer_changes_percent_per_year: f64,
    /// % a year with a change of legal status only (a new episode, RNE L).
    pub legal_changes_percent_per_year: f64,
    /// % a year with a temporary move of a few days (T1-T4) and back.
    pub temporary_moves_percent_per_year: f64,
    /// Disabled children on a series of short breaks (LS V3) each year, left out by the import.
    pub short_break_children_per_year: f64,
}

impl SimulationSettings {
    /// A council of about `entries_per_year` entries a year, with rates of the size England's
    /// data show (DfE, 2013-2022): about 60% of entries are under 10, a tenth of older entries
    /// go first to a home, and a child stays about two years.
    pub fn typical(seed: u64, entries_per_year: f64, returns: (i32, i32)) -> SimulationSettings {
        SimulationSettings {
            seed,
            returns,
            entries_per_year,
            entry_age_percent: [38.0, 20.0, 30.0, 6.0, 6.0],
            first_placement_percent: [
                [45.0, 20.0, 15.0, 0.5, 0.0, 19.5],
                [42.0, 25.0, 15.0, 3.0, 0.0, 15.0],
                [30.0, 30.0, 10.0, 15.0, 0.0, 15.0],
                [20.0, 25.0, 8.0, 17.0, 20.0, 10.0],
                [15.0, 20.0, 7.0, 15.0, 33.0, 10.0],
            ],
            exit_percent_per_month: [
                [1.2, 2.2, 0.3],
                [1.4, 0.8, 0.3],
                [1.8, 0.3, 0.6],
                [2.0, 0.2, 1.0],
                [1.8, 0.1, 1.5],
            ],
            residential_to_foster_percent_per_year: 8.0,
            seventeen_to_supported_percent_per_year: 25.0,
            carer_changes_percent_per_year: 30.0,
            legal_changes_percent_per_year: 15.0,
            temporary_moves_percent_per_year: 5.0,
            short_break_children_per_year: entries_per_year * 0.05,
        }
    }
}

/// A simulated episode, in the simulation's own terms (the truth, before any file).
#[derive(Clone, Debug, PartialEq)]
pub struct TrueEpisode {
    /// Index of the child.
    pub child: usize,
    /// First day.
    pub start: Date,
    /// The day it ended; none if open when the simulation stopped.
    pub end: Option<Date>,
    /// Placement type (a temporary move keeps the type of the placement it is from).
    pub placement: PlacementType,
    /// PLACE code written.
    pub place: &'static str,
    /// PLACE_PROVIDER written.
    pub provider: &'static str,
    /// RNE written.
    pub rne: &'static str,
    /// LS written.
    pub legal_status: &'static str,
    /// REC written when it ends.
    pub rec: &'static str,
}

/// A simulation: the children, their episodes and the returns written from them.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    /// Each child's date of birth.
    pub births: Vec<Date>,
    /// Every episode, by child then start.
    pub episodes: Vec<TrueEpisode>,
    /// One (year ending 31 March, header CSV, episodes CSV) per return.
    pub returns: Vec<(i32, String, String)>,
    /// The settings.
    pub settings: SimulationSettings,
}

const HEADER_LINE: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n";
const EPISODES_LINE: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n";

fn pick<R: Rng>(rng: &mut R, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn codes_for<R: Rng>(rng: &mut R, placement: PlacementType) -> (&'static str, &'static str) {
    use PlacementType::*;
    let coin = rng.random::<f64>();
    match placement {
        InHouseFoster => (
            if coin < 0.4 { "U4" } else { "U6" },
            if coin < 0.9 { "PR1" } else { "PR2" },
        ),
        Ifa => (
            if coin < 0.4 { "U4" } else { "U6" },
            if coin < 0.7 { "PR4" } else { "PR5" },
        ),
        Kinship => (if coin < 0.5 { "U1" } else { "U3" }, "PR1"),
        Residential => match coin {
            c if c < 0.8 => ("K2", if c < 0.2 { "PR1" } else { "PR4" }),
            c if c < 0.9 => ("R1", "PR4"),
            _ => ("S1", "PR4"),
        },
        Supported => (if coin < 0.85 { "H5" } else { "P2" }, "PR4"),
        WithParentsOther => {
            if coin < 0.6 {
                ("P1", "PR0")
            } else {
                (if coin < 0.8 { "A4" } else { "A6" }, "PR1")
            }
        }
    }
}

const BAND_START_YEARS: [i32; 6] = [0, 5, 10, 16, 17, 18];

/// Runs the simulation: children enter from 18 years before the first return (so the first
/// return holds children who entered long before), and episodes are followed to the end of the
/// last return.
pub fn simulate(settings: &SimulationSettings) -> Simulation {
    let mut rng = Pcg64::seed_from_u64(settings.seed);
    let begin = Date::from_ymd(settings.returns.0 - 19, 4, 1).unwrap_or(Date(0));
    let stop = Date::from_ymd(settings.returns.1, 3, 31).unwrap_or(Date(0));
    let mut births = Vec::new();
    let mut episodes = Vec::new();
    let gap = Exp::new(settings.entries_per_year.max(1e-9) / 365.25).ok();
    let mut day = begin.0 as f64;
    while let Some(gap) = &gap {
        day += gap.sample(&mut rng);
        if day > f64::from(stop.0) {
            break;
        }
        let entry = day;
        let band = pick(&mut rng, &settings.entry_age_percent);
        let (lo, hi) = (BAND_START_YEARS[band], BAND_START_YEARS[band + 1]);
        // At least two days short of the band's end, so that whole days never make a child
        // a band older on the day they enter.
        let age_days = ((f64::from(lo) + rng.random::<f64>() * f64::from(hi - lo)) * 365.25)
            .min(f64::from(hi) * 365.25 - 2.0);
        let birth = Date((entry - age_days).floor() as i32);
        let child = births.len();
        births.push(birth);
        let birthdays = BAND_START_YEARS.map(|y| birth.years_later(y));
        follow_child(
            &mut rng,
            settings,
            child,
            band,
            birthdays,
            entry,
            stop,
            &mut episodes,
        );
    }
    short_breaks(&mut rng, settings, begin, stop, &mut births, &mut episodes);
    episodes.sort_by_key(|e| (e.child, e.start, e.end));
    let returns = (settings.returns.0..=settings.returns.1)
        .map(|year| {
            let (header, episodes) = write_return(&births, &episodes, year);
            (year, header, episodes)
        })
        .collect();
    Simulation {
        births,
        episodes,
        returns,
        settings: settings.clone(),
    }
}

/// A share a month (%) as a chance a day.
fn per_day(percent_per_month: f64) -> f64 {
    percent_per_month / 100.0 / 30.4375
}

/// A share a year (%) as a chance a day.
fn yearly(percent_per_year: f64) -> f64 {
    percent_per_year / 100.0 / 365.25
}

/// Follows one child from entering care (`entry`, a day, in age `band` at entry) to leaving
/// care, turning 18 or the end of the last return (`stop`), episode by episode: moves, legal
/// changes and temporary stays, each drawn as a waiting time from its chance a day.
#[allow(clippy::too_many_arguments)] // The child's own figures, drawn by the caller in order.
fn follow_child(
    rng: &mut Pcg64,
    settings: &SimulationSettings,
    child: usize,
    band: usize,
    birthdays: [Date; 6],
    entry: f64,
    stop: Date,
    episodes: &mut Vec<TrueEpisode>,
) {
    let mut placement = PlacementType::ALL[pick(rng, &settings.first_placement_percent[band])];
    if placement == PlacementType::Supported && band < 3 {
        placement = PlacementType::InHouseFoster;
    }
    let (mut place, mut provider) = codes_for(rng, placement);
    let mut legal = if rng.random::<f64>() < 0.6 {
        "C2"
    } else {
        "V2"
    };
    let mut start = Date(entry.floor() as i32);
    let mut rne = "S";
    let mut t = entry;
    loop {
        let band = (0..5)
            .rev()
            .find(|&b| Date(t.floor() as i32) >= birthdays[b])
            .unwrap_or(0);
        let boundary = f64::from(birthdays[band + 1].0);
        let exits = settings.exit_percent_per_month[band].map(per_day);
        let to_foster = if placement == PlacementType::Residential {
            yearly(settings.residential_to_foster_percent_per_year)
        } else {
            0.0
        };
        let to_supported = if band == 4
            && matches!(
                placement,
                PlacementType::InHouseFoster
                    | PlacementType::Ifa
                    | PlacementType::Kinship
                    | PlacementType::Residential
            ) {
            yearly(settings.seventeen_to_supported_percent_per_year)
        } else {
            0.0
        };
        let hazards = [
            exits[0],
            exits[1],
            exits[2],
            to_foster,
            to_supported,
            yearly(settings.carer_changes_percent_per_year),
            yearly(settings.legal_changes_percent_per_year),
            yearly(settings.temporary_moves_percent_per_year),
        ];
        let total: f64 = hazards.iter().sum();
        let wait = Exp::new(total.max(1e-12)).map_or(f64::INFINITY, |e| e.sample(rng));
        let next = t + wait;
        // The current episode, ending on `end` for reason `rec`.
        let episode = |end: Option<Date>, rec: &'static str| TrueEpisode {
            child,
            start,
            end,
            placement,
            place,
            provider,
            rne,
            legal_status: legal,
            rec,
        };
        if next.min(boundary) > f64::from(stop.0) + 1.0 {
            episodes.push(episode(None, ""));
            break;
        }
        if next >= boundary {
            if band == 4 {
                let rec = ["E17", "E5", "E6", "E8"][pick(rng, &[35.0, 35.0, 20.0, 10.0])];
                episodes.push(episode(Some(birthdays[5]), rec));
                break;
            }
            t = boundary;
            continue;
        }
        t = next;
        let today = Date(t.floor() as i32);
        let close = |rec: &'static str, episodes: &mut Vec<TrueEpisode>| {
            episodes.push(episode(Some(today), rec));
        };
        match pick(rng, &hazards) {
            0 => {
                close(
                    ["E4A", "E4B", "E13"][pick(rng, &[70.0, 20.0, 10.0])],
                    episodes,
                );
                break;
            }
            1 => {
                let rec = if band == 0 && rng.random::<f64>() < 0.6 {
                    ["E11", "E12"][pick(rng, &[60.0, 40.0])]
                } else {
                    ["E45", "E46", "E47", "E48", "E41"][pick(rng, &[25.0, 15.0, 25.0, 10.0, 25.0])]
                };
                close(rec, episodes);
                break;
            }
            2 => {
                close(
                    ["E8", "E3", "E5", "E6", "E9"][pick(rng, &[40.0, 20.0, 15.0, 15.0, 10.0])],
                    episodes,
                );
                break;
            }
            event => {
                close("X1", episodes);
                start = today;
                match event {
                    3 => {
                        placement = if rng.random::<f64>() < 0.5 {
                            PlacementType::InHouseFoster
                        } else {
                            PlacementType::Ifa
                        };
                        (place, provider) = codes_for(rng, placement);
                        rne = "P";
                    }
                    4 => {
                        placement = PlacementType::Supported;
                        (place, provider) = codes_for(rng, placement);
                        rne = "P";
                    }
                    5 => {
                        (place, provider) = codes_for(rng, placement);
                        rne = "P";
                    }
                    6 => {
                        legal = if legal == "C2" { "C1" } else { "C2" };
                        rne = "L";
                    }
                    _ => {
                        // A few days away (hospital, holiday), then back to the same carer.
                        let back = Date(today.0 + 1 + (rng.random::<f64>() * 6.0) as i32);
                        let temporary =
                            ["T1", "T2", "T3", "T4"][pick(rng, &[30.0, 30.0, 20.0, 20.0])];
                        if f64::from(back.0) > f64::from(stop.0) || back >= birthdays[5] {
                            rne = "T";
                            (place, provider) = (temporary, "");
                            continue;
                        }
                        episodes.push(TrueEpisode {
                            child,
                            start: today,
                            end: Some(back),
                            placement,
                            place: temporary,
                            provider: "",
                            rne: "T",
                            legal_status: legal,
                            rec: "X1",
                        });
                        start = back;
                        t = f64::from(back.0);
                        rne = "T";
                    }
                }
            }
        }
    }
}

/// Short breaks: a few 2-day stays a year for disabled children (LS V3), from the year before
/// the first return.
fn short_breaks(
    rng: &mut Pcg64,
    settings: &SimulationSettings,
    begin: Date,
    stop: Date,
    births: &mut Vec<Date>,
    episodes: &mut Vec<TrueEpisode>,
) {
    let breaks = Exp::new(settings.short_break_children_per_year.max(1e-9) / 365.25).ok();
    let mut day = f64::from(
        Date::from_ymd(settings.returns.0 - 1, 4, 1)
            .unwrap_or(begin)
            .0,
    );
    while let Some(gap) = &breaks {
        day += gap.sample(rng);
        if day > f64::from(stop.0) - 30.0 {
            break;
        }
        let child = births.len();
        let birth = Date((day - (6.0 + rng.random::<f64>() * 10.0) * 365.25) as i32);
        births.push(birth);
        for k in 0..4 {
            let start = Date(day as i32 + k * 7);
            episodes.push(TrueEpisode {
                child,
                start,
                end: Some(Date(start.0 + 2)),
                placement: PlacementType::Residential,
                place: "K2",
                provider: "PR1",
                rne: "S",
                legal_status: "V3",
                rec: "E8",
            });
        }
    }
}

/// The header and episodes files of the return for the year ending 31 March `year`: every
/// episode open at any time in the year, those still open at its end with DEC and REC blank.
pub fn write_return(births: &[Date], episodes: &[TrueEpisode], year: i32) -> (String, String) {
    let first = Date::from_ymd(year - 1, 4, 1).unwrap_or(Date(0));
    let last = Date::from_ymd(year, 3, 31).unwrap_or(Date(0));
    let mut header = String::from(HEADER_LINE);
    let mut rows = String::from(EPISODES_LINE);
    let mut previous_child = usize::MAX;
    for e in episodes {
        if e.start > last || e.end.is_some_and(|end| end < first) {
            continue;
        }
        if e.child != previous_child {
            previous_child = e.child;
            let sex = if e.child % 2 == 0 { 1 } else { 2 };
            let _ = write!(
                header,
                "C{:06},{sex},{},WBRI,UN1,,\r\n",
                e.child,
                births[e.child].dfe()
            );
        }
        let (dec, rec) = match e.end {
            Some(end) if end <= last => (end.dfe(), e.rec),
            _ => (String::new(), ""),
        };
        let reason = if rec == "X1" && e.rne != "L" {
            "CARPL"
        } else {
            ""
        };
        let provider = e.provider;
        let _ = write!(
            rows,
            "C{:06},{},{},{},N1,{},{provider},{dec},{rec},{reason},NR1 1AA,NR2 2BB,\r\n",
            e.child,
            e.start.dfe(),
            e.rne,
            e.legal_status,
            e.place,
        );
    }
    (header, rows)
}

impl Simulation {
    /// The returns as input files, one header and one episodes file per year ending 31 March in
    /// `years` (e.g. `header_2017.csv`, `episodes_2017.csv`), as a council holds them.
    pub fn files(&self, years: std::ops::RangeInclusive<i32>) -> Vec<super::InputFile> {
        let mut files = Vec::new();
        for (year, header, episodes) in &self.returns {
            if years.contains(year) {
                files.push(super::InputFile {
                    name: format!("header_{year}.csv"),
                    bytes: header.clone().into_bytes(),
                });
                files.push(super::InputFile {
                    name: format!("episodes_{year}.csv"),
                    bytes: episodes.clone().into_bytes(),
                });
            }
        }
        files
    }

    /// Children in care at the end of `day`, by placement type (in-house, IFA, kinship,
    /// residential, supported, with parents / other), counted straight from the simulation
    /// (short breaks left out, as DfE leaves them out), independently of the import.
    pub fn in_care_on(&self, day: Date) -> [u64; 6] {
        let mut counts = [0u64; 6];
        for e in &self.episodes {
            if e.legal_status == "V3" {
                continue;
            }
            if e.start <= day && e.end.is_none_or(|end| end > day) {
                let i = PlacementType::ALL
                    .iter()
                    .position(|p| *p == e.placement)
                    .unwrap_or(5);
                counts[i] += 1;
            }
        }
        counts
    }
}
