//! From episode records as read (one row per episode per year's return, with repeats and
//! clashes) to one clean history per child: the rules of docs/ssda903.md, "Cleaning", which
//! follow the Social Finance / Data to Insight demand models and Mastodon C's witan.cic.
//! Every change is counted, and every row it changes is named, so nothing is dropped silently.

use super::codes::{Ending, Placed, TURNING_18_DAYS};
use super::date::Date;
use crate::model::placement::PlacementType;
use serde::Serialize;

/// Where a record came from: the file (index into the list read) and its row (the header line
/// is row 1, so the first record is row 2, as a spreadsheet shows it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SourceRow {
    /// Index of the file in the list read.
    pub file: usize,
    /// Row in the file, counting the header line as row 1.
    pub row: usize,
}

/// One episode as read, codes already mapped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpisodeRecord {
    /// Index of the child in the list of children.
    pub child: usize,
    /// DECOM: the day the episode began.
    pub start: Date,
    /// DEC: the day it ended (the child was not in this episode that night); none if open at
    /// the end of the return it came from.
    pub end: Option<Date>,
    /// PLACE (and PLACE_PROVIDER) in the model's terms.
    pub placed: Placed,
    /// REC in the model's terms; none if open (an unknown code is read as [`Ending::Other`]).
    pub ending: Option<Ending>,
    /// RNE is S: the first episode of a period of care.
    pub starts_care: bool,
    /// LS V3 or V4: a series of short breaks, left out as DfE does.
    pub short_break: bool,
    /// Where it was read.
    pub source: SourceRow,
}

/// One episode of a clean history.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Episode {
    /// Index of the child.
    pub child: usize,
    /// First day in this placement.
    pub start: Date,
    /// The day it ended (not a day in care), or none if still open.
    pub end: Option<Date>,
    /// Placement type (temporary moves carry the type before).
    pub placement: PlacementType,
    /// True for the first episode of a period of care: an entry.
    pub first_of_period: bool,
    /// How the child left care, on the last episode of a period that ended; none otherwise.
    pub leaves_care: Option<Ending>,
}

/// A kind of finding: something the reader or the cleaning changed, skipped or assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Routine: the same episode in several years' returns (open in one, closed in the next),
    /// kept once.
    RepeatedAcrossYears,
    /// Routine: a series of short breaks (LS V3/V4), left out as DfE leaves it out.
    ShortBreak,
    /// Routine: an episode that ended the day it began, with another beginning that day: the
    /// longer kept (a same-day step holds no night in care).
    SameDayEpisode,
    /// Two different episodes for one child starting on the same day: the one ending last kept.
    ConflictingDuplicate,
    /// An episode inside a longer one ending on the same day: dropped.
    ContainedEpisode,
    /// An episode running past the start of the next (or left open before it): ended there.
    Overlap,
    /// A temporary move (T0-T4, M1-M3) with no episode just before it: counted as "with
    /// parents / other".
    TemporaryWithoutPlacement,
    /// A period of care whose first episode does not have RNE S.
    PeriodNotStartingWithS,
    /// An episode ended with a reason for leaving care, yet the next episode starts that day:
    /// the child stayed in care.
    ContinuedAfterExit,
    /// An episode ended with X1 (new episode the same day) but none follows: counted as
    /// leaving care for another reason.
    X1WithoutNextEpisode,
    /// Still in care after the 18th birthday: counted until then, as turning 18.
    PastEighteen,
    /// An episode starting on or after the 18th birthday: left out.
    StartsAfterEighteen,
    /// DEC before DECOM: the row is left out.
    EndsBeforeStart,
    /// A date that cannot be read: the row is left out.
    UnreadableDate,
    /// A required value is blank (CHILD, DECOM): the row is left out.
    MissingValue,
    /// A PLACE code in no year's guide: counted as "with parents / other".
    UnknownPlace,
    /// Routine: a PLACE code new in recent returns (K3, Z11-Z14, T4), listed once each with the
    /// placement type it was read as.
    RecentPlaceCode,
    /// Foster care with other carers, provider blank or unknown: counted as in-house.
    UnknownProvider,
    /// A REC code in no year's guide: counted as leaving care for another reason.
    UnknownReason,
    /// A child with no date of birth (blank or unreadable): their episodes are left out.
    NoBirthDate,
    /// Episodes for a child with no row in any header file: left out (no date of birth).
    NoHeader,
    /// A child's date of birth differs between years' header files: the most common (then the
    /// latest) kept.
    ConflictingBirthDate,
    /// A row with fewer columns than the header line: the missing ones read as blank.
    ShortRow,
}

impl FindingKind {
    /// What it means, in a sentence users read.
    pub fn describe(self) -> &'static str {
        use FindingKind::*;
        match self {
            RepeatedAcrossYears => "the same episode in more than one year's file, kept once",
            ShortBreak => "short breaks (legal status V3/V4) left out, as in DfE's counts",
            SameDayEpisode => {
                "an episode ending the day it began, another beginning that day: the longer kept"
            }
            ConflictingDuplicate => "two episodes starting the same day: the one ending last kept",
            ContainedEpisode => "an episode inside a longer one ending the same day: dropped",
            Overlap => "an episode running past the start of the next: ended there",
            TemporaryWithoutPlacement => {
                "a temporary move with no placement before it: counted as with parents / other"
            }
            PeriodNotStartingWithS => {
                "a period of care not starting with RNE S: counted as an entry"
            }
            ContinuedAfterExit => {
                "a leaving reason but the next episode starts that day: stayed in care"
            }
            X1WithoutNextEpisode => {
                "X1 (new episode the same day) but none follows: counted as leaving"
            }
            PastEighteen => "still open after the 18th birthday: counted until the birthday",
            StartsAfterEighteen => "an episode starting at 18 or later: left out",
            EndsBeforeStart => "DEC before DECOM: row left out",
            UnreadableDate => "a date that cannot be read: row left out",
            MissingValue => "a required value is blank: row left out",
            UnknownPlace => "an unknown PLACE code: counted as with parents / other",
            RecentPlaceCode => {
                "a PLACE code new in recent returns, listed once with the placement type it was read as"
            }
            UnknownProvider => {
                "foster care with other carers, no known PLACE_PROVIDER: counted as in-house"
            }
            UnknownReason => "an unknown REC code: counted as leaving for another reason",
            NoBirthDate => "a child with no readable date of birth: their episodes left out",
            NoHeader => "episodes of a child missing from every header file: left out",
            ConflictingBirthDate => "a date of birth differing between years: the most common kept",
            ShortRow => "a row with fewer columns than the header line: the rest read as blank",
        }
    }

    /// True for what is routine in any multi-year return and not worth a warning.
    pub fn is_routine(self) -> bool {
        matches!(
            self,
            FindingKind::RepeatedAcrossYears
                | FindingKind::ShortBreak
                | FindingKind::SameDayEpisode
                | FindingKind::RecentPlaceCode
        )
    }
}

/// Something the reader or the cleaning changed, skipped or assumed, and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// The row it concerns.
    pub source: SourceRow,
    /// The column, where one is to blame.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<&'static str>,
    /// The value or the detail, e.g. "31/02/2016".
    pub detail: String,
    /// The other row concerned, e.g. the copy kept in place of this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<SourceRow>,
}

/// Every child's clean history.
#[derive(Clone, Debug, PartialEq)]
pub struct CareHistory {
    /// Date of birth of each child (index = child).
    pub births: Vec<Date>,
    /// Episodes, by child then start.
    pub episodes: Vec<Episode>,
    /// The first and last day the data covers: from the 1 April on or before the first
    /// episode end, to the 31 March on or after the last date in any record.
    pub covered: (Date, Date),
    /// Unaccompanied asylum-seeking children, counted apart: for each child, whether the
    /// return names them UASC. None when the return holds no UASC information (no UASC
    /// table), so UASC cannot be told from the others.
    pub uasc: Option<Vec<bool>>,
}

impl CareHistory {
    /// Whether child `child` is counted apart as an unaccompanied asylum-seeking child.
    pub fn is_uasc(&self, child: usize) -> bool {
        self.uasc
            .as_ref()
            .is_some_and(|uasc| uasc.get(child).copied().unwrap_or(false))
    }
}

fn first_april_on_or_before(day: Date) -> Date {
    let (year, month, _) = day.ymd();
    let year = if month >= 4 { year } else { year - 1 };
    Date::from_ymd(year, 4, 1).unwrap_or(day)
}

fn last_march_on_or_after(day: Date) -> Date {
    let (year, month, _) = day.ymd();
    let year = if month <= 3 { year } else { year + 1 };
    Date::from_ymd(year, 3, 31).unwrap_or(day)
}

/// The days a set of records covers (see [`CareHistory::covered`]); none with no records.
pub(crate) fn covered_days(records: &[EpisodeRecord]) -> Option<(Date, Date)> {
    let last = records
        .iter()
        .map(|r| r.end.unwrap_or(r.start).max(r.start))
        .max()?;
    let first_end = records.iter().filter_map(|r| r.end).min().unwrap_or(last);
    Some((
        first_april_on_or_before(first_end),
        last_march_on_or_after(last),
    ))
}

/// Cleans episode records into histories (docs/ssda903.md, "Cleaning"), adding a finding for
/// every record it changes or leaves out. The result does not depend on how the records were
/// split between files or in what order they came.
pub fn clean(
    births: Vec<Date>,
    mut records: Vec<EpisodeRecord>,
    findings: &mut Vec<Finding>,
) -> CareHistory {
    let covered = covered_days(&records).unwrap_or((Date(0), Date(0)));
    leave_out_short_breaks_and_adults(&births, &mut records, findings);
    let kept = one_per_start_day(records, findings);
    let mut records = one_per_end_day(kept, findings);
    end_overlaps(&mut records, findings);
    let episodes = episodes_of(&births, &records, covered, findings);
    CareHistory {
        births,
        episodes,
        covered,
        uasc: None,
    }
}

/// A finding about a whole record.
fn finding(kind: FindingKind, source: SourceRow, detail: String) -> Finding {
    Finding {
        kind,
        source,
        column: None,
        detail,
        other: None,
    }
}

/// Step 1: short breaks out; episodes starting at 18 or later out.
fn leave_out_short_breaks_and_adults(
    births: &[Date],
    records: &mut Vec<EpisodeRecord>,
    findings: &mut Vec<Finding>,
) {
    records.retain(|r| {
        if r.short_break {
            findings.push(finding(FindingKind::ShortBreak, r.source, String::new()));
            return false;
        }
        let eighteen = births[r.child].years_later(18);
        if r.start >= eighteen {
            findings.push(Finding {
                kind: FindingKind::StartsAfterEighteen,
                source: r.source,
                column: Some("DECOM"),
                detail: format!("starts {} at 18 or over", r.start),
                other: None,
            });
            return false;
        }
        true
    });
}

/// An episode that ended the day it began (a same-day step), or one that lasts.
fn lasts(r: &EpisodeRecord) -> bool {
    r.end != Some(r.start)
}

/// Step 2: one episode per child and start day: the closed copy beats the open one, the later
/// end beats the earlier. Sorting on every field makes the result independent of order. An
/// episode that ended the day it began, with another beginning that day, is a same-day step
/// (X1), not an older copy: any longer copy beats it.
fn one_per_start_day(
    mut records: Vec<EpisodeRecord>,
    findings: &mut Vec<Finding>,
) -> Vec<EpisodeRecord> {
    let end_key = |r: &EpisodeRecord| r.end.map_or(i32::MIN, |d| d.0);
    let content_key = |r: &EpisodeRecord| {
        let placed = match r.placed {
            Placed::In(p) => p as u8,
            Placed::AsBefore => u8::MAX,
        };
        (placed, r.ending.map_or(u8::MAX, |e| e as u8), r.starts_care)
    };
    records.sort_by(|a, b| {
        (
            a.child,
            a.start,
            lasts(a),
            end_key(a),
            content_key(a),
            a.source,
        )
            .cmp(&(
                b.child,
                b.start,
                lasts(b),
                end_key(b),
                content_key(b),
                b.source,
            ))
    });
    let mut kept: Vec<EpisodeRecord> = Vec::with_capacity(records.len());
    for mut record in records {
        if let Some(last) = kept.last_mut()
            && last.child == record.child
            && last.start == record.start
        {
            let same = last.placed == record.placed
                && (last.end.is_none() || last.end == record.end)
                && (last.ending.is_none() || last.ending == record.ending);
            let kind = if !lasts(last) && lasts(&record) {
                FindingKind::SameDayEpisode
            } else if same {
                FindingKind::RepeatedAcrossYears
            } else {
                FindingKind::ConflictingDuplicate
            };
            findings.push(Finding {
                other: Some(record.source),
                ..finding(kind, last.source, "the copy kept".into())
            });
            // The first episode of a period may be the one replaced.
            record.starts_care |= last.starts_care;
            *last = record;
            continue;
        }
        kept.push(record);
    }
    kept
}

/// Step 3: one episode per child and end day: the longer (earlier start) kept.
fn one_per_end_day(kept: Vec<EpisodeRecord>, findings: &mut Vec<Finding>) -> Vec<EpisodeRecord> {
    let mut records: Vec<EpisodeRecord> = Vec::with_capacity(kept.len());
    for record in kept {
        // (A same-day step starting where the other ends is not inside it: it follows it.)
        if let Some(previous) = records
            .iter()
            .rev()
            .take_while(|p| p.child == record.child)
            .find(|p| p.end.is_some() && p.end == record.end && Some(record.start) < p.end)
        {
            findings.push(Finding {
                other: Some(previous.source),
                ..finding(
                    FindingKind::ContainedEpisode,
                    record.source,
                    "inside".into(),
                )
            });
            continue;
        }
        records.push(record);
    }
    records
}

/// Step 4: overlaps: an episode ends where the next begins.
fn end_overlaps(records: &mut [EpisodeRecord], findings: &mut Vec<Finding>) {
    for i in 1..records.len() {
        let (before, after) = records.split_at_mut(i);
        let (previous, next) = (&mut before[i - 1], &after[0]);
        if previous.child != next.child {
            continue;
        }
        let runs_on = previous.end.is_none_or(|end| end > next.start);
        if runs_on {
            findings.push(Finding {
                kind: FindingKind::Overlap,
                source: previous.source,
                column: Some("DEC"),
                detail: format!(
                    "{} ended {} where the next episode begins",
                    previous
                        .end
                        .map_or("open".to_string(), |d| format!("ending {d}")),
                    next.start
                ),
                other: None,
            });
            previous.end = Some(next.start);
            previous.ending = Some(Ending::StaysInCare);
        }
    }
}

/// Step 5: placements, periods and endings.
fn episodes_of(
    births: &[Date],
    records: &[EpisodeRecord],
    covered: (Date, Date),
    findings: &mut Vec<Finding>,
) -> Vec<Episode> {
    let mut episodes = Vec::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        let previous = (i > 0 && records[i - 1].child == record.child).then(|| &records[i - 1]);
        let follows = previous.is_some_and(|p| p.end == Some(record.start));
        let next = records
            .get(i + 1)
            .filter(|n| n.child == record.child && Some(n.start) == record.end);
        let placement = match record.placed {
            Placed::In(placement) => placement,
            Placed::AsBefore => match episodes.last() {
                Some(Episode { placement, .. }) if follows => *placement,
                _ => {
                    findings.push(finding(
                        FindingKind::TemporaryWithoutPlacement,
                        record.source,
                        String::new(),
                    ));
                    PlacementType::WithParentsOther
                }
            },
        };
        // Before the data begin, the period's first episode may be in no file given.
        if !follows && !record.starts_care && record.start >= covered.0 {
            findings.push(finding(
                FindingKind::PeriodNotStartingWithS,
                record.source,
                String::new(),
            ));
        }
        let eighteen = births[record.child].years_later(18);
        let mut end = record.end;
        let mut leaves_care = match (record.end, next) {
            (None, _) => None,
            (Some(_), Some(_)) => {
                if record.ending.is_some_and(|e| e != Ending::StaysInCare) {
                    findings.push(finding(
                        FindingKind::ContinuedAfterExit,
                        record.source,
                        String::new(),
                    ));
                }
                None
            }
            (Some(_), None) => match record.ending {
                Some(Ending::StaysInCare) | None => {
                    findings.push(finding(
                        FindingKind::X1WithoutNextEpisode,
                        record.source,
                        String::new(),
                    ));
                    Some(Ending::Other)
                }
                Some(ending) => Some(ending),
            },
        };
        if let Some(day) = end
            && leaves_care.is_some()
            && day.0 >= eighteen.0 - TURNING_18_DAYS
        {
            leaves_care = Some(Ending::Turning18);
        }
        // Past 18: in care only until the birthday (the model has no 18-year-olds).
        if end.is_none_or(|day| day > eighteen) && eighteen <= covered.1 {
            findings.push(finding(
                FindingKind::PastEighteen,
                record.source,
                format!("18 on {eighteen}"),
            ));
            end = Some(eighteen);
            leaves_care = Some(Ending::Turning18);
        }
        episodes.push(Episode {
            child: record.child,
            start: record.start,
            end,
            placement,
            first_of_period: !follows,
            leaves_care,
        });
    }
    episodes
}
