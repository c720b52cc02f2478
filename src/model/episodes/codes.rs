//! The SSDA903 codes Care Levers reads, and what each means in the model: placement (PLACE and
//! PLACE_PROVIDER) to the six placement types, reason episode ceased (REC) to the exit routes,
//! and legal status (LS) for short breaks. docs/ssda903.md prints these tables; a test keeps the
//! two in step. Sources: DfE "Children looked after return" guides (2013-14 to 2024-25) as
//! quoted in the open-source anchors (Social Finance / Data to Insight demand models, Mastodon
//! C's witan.cic); see docs/ssda903.md.

use crate::model::placement::PlacementType;

/// What a PLACE code means in the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceMeaning {
    /// Always this placement type.
    Always(PlacementType),
    /// Foster care with a carer who is not family or a friend (U4-U6, and the older Q2):
    /// in-house with the council's or another council's carers (PR1, PR2), IFA with a private
    /// or voluntary agency (PR4, PR5).
    FosterByProvider,
    /// A temporary move of 7 days or less (T0-T4) or a missing spell (M1-M3, older returns):
    /// the child keeps the placement type of the episode before.
    Temporary,
}

/// Every PLACE code read: (code, DfE meaning, what it is in the model).
pub const PLACE_CODES: &[(&str, &str, PlaceMeaning)] = {
    use PlaceMeaning::*;
    use PlacementType::*;
    &[
        (
            "U1",
            "Foster placement with relative(s) or friend(s), long term fostering",
            Always(Kinship),
        ),
        (
            "U2",
            "Fostering with relative(s) or friend(s) who are also approved adopters (fostering for adoption / concurrent planning)",
            Always(Kinship),
        ),
        (
            "U3",
            "Fostering with relative(s) or friend(s), not long term or fostering for adoption",
            Always(Kinship),
        ),
        (
            "U4",
            "Foster placement with other foster carer(s), long term fostering",
            FosterByProvider,
        ),
        (
            "U5",
            "Fostering with other foster carer(s) who are also approved adopters (fostering for adoption / concurrent planning)",
            FosterByProvider,
        ),
        (
            "U6",
            "Foster placement with other foster carer(s), not long term or fostering for adoption",
            FosterByProvider,
        ),
        (
            "Q1",
            "Foster placement with relative or friend (before U1-U3)",
            Always(Kinship),
        ),
        (
            "Q2",
            "Foster placement with other foster carer (before U4-U6)",
            FosterByProvider,
        ),
        ("K1", "Secure children's home", Always(Residential)),
        (
            "K2",
            "Children's home subject to Children's Homes Regulations",
            Always(Residential),
        ),
        ("R1", "Residential care home", Always(Residential)),
        (
            "S1",
            "Residential school, except where dual-registered as a school and children's home",
            Always(Residential),
        ),
        (
            "H5",
            "Semi-independent living accommodation not subject to Children's Homes Regulations",
            Always(Supported),
        ),
        (
            "K3",
            "Registered supported accommodation (from 2024-25)",
            Always(Supported),
        ),
        (
            "P2",
            "Independent living, e.g. flat, lodgings, bedsit, B&B or with friends",
            Always(Supported),
        ),
        (
            "P1",
            "Placed with own parent(s) or other person(s) with parental responsibility",
            Always(WithParentsOther),
        ),
        (
            "A3",
            "Placed for adoption with consent, with current foster carer(s)",
            Always(WithParentsOther),
        ),
        (
            "A4",
            "Placed for adoption with consent, not with current foster carer(s)",
            Always(WithParentsOther),
        ),
        (
            "A5",
            "Placed for adoption with placement order, with current foster carer(s)",
            Always(WithParentsOther),
        ),
        (
            "A6",
            "Placed for adoption with placement order, not with current foster carer(s)",
            Always(WithParentsOther),
        ),
        ("P3", "Residential employment", Always(WithParentsOther)),
        (
            "R2",
            "NHS / health trust or other establishment providing medical or nursing care",
            Always(WithParentsOther),
        ),
        (
            "R3",
            "Family centre or mother and baby unit",
            Always(WithParentsOther),
        ),
        (
            "R5",
            "Young offender institution or prison",
            Always(WithParentsOther),
        ),
        (
            "Z1",
            "Other placements (listed on a schedule to DfE)",
            Always(WithParentsOther),
        ),
        (
            "Z11",
            "Other placements (2025-26 split of Z1)",
            Always(WithParentsOther),
        ),
        (
            "Z12",
            "Other placements (2025-26 split of Z1)",
            Always(WithParentsOther),
        ),
        (
            "Z13",
            "Other placements (2025-26 split of Z1)",
            Always(WithParentsOther),
        ),
        (
            "Z14",
            "Other placements (2025-26 split of Z1)",
            Always(WithParentsOther),
        ),
        ("T0", "All types of temporary move", Temporary),
        ("T1", "Temporary periods in hospital", Temporary),
        (
            "T2",
            "Temporary absences of the child on holiday",
            Temporary,
        ),
        (
            "T3",
            "Temporary accommodation whilst normal foster carer(s) on holiday",
            Temporary,
        ),
        (
            "T4",
            "Temporary accommodation of seven days or less, not covered by T1 to T3",
            Temporary,
        ),
        (
            "M1",
            "Missing: whereabouts known (older returns)",
            Temporary,
        ),
        (
            "M2",
            "Missing: whereabouts unknown (older returns)",
            Temporary,
        ),
        ("M3", "Missing: absent (older returns)", Temporary),
    ]
};

/// Every PLACE_PROVIDER code: (code, DfE meaning, whether U4-U6 with it are in-house).
pub const PROVIDER_CODES: &[(&str, &str, bool)] = &[
    (
        "PR0",
        "Parent(s) or other person(s) with parental responsibility",
        true,
    ),
    ("PR1", "Own provision (by the local authority)", true),
    ("PR2", "Other local authority provision", true),
    (
        "PR3",
        "Other public provision (e.g. a primary care trust)",
        true,
    ),
    ("PR4", "Private provision", false),
    ("PR5", "Voluntary / third sector provision", false),
];

/// PLACE codes new in the most recent returns (registered supported accommodation from
/// 2024-25; the split of Z1 and T4 from 2025-26): an import says what each was read as.
pub const RECENT_PLACE_CODES: [&str; 6] = ["K3", "Z11", "Z12", "Z13", "Z14", "T4"];

/// Where a placement goes: a type, or the type of the episode before (temporary moves).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    /// This type.
    In(PlacementType),
    /// The type of the episode before.
    AsBefore,
}

/// Why a PLACE / PLACE_PROVIDER pair could not be read exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceProblem {
    /// PLACE is not a code in any year's guide: counted as placed with parents / other.
    UnknownPlace,
    /// Foster care with other carers but no or an unknown provider: counted as in-house.
    UnknownProvider,
}

/// The placement type of a PLACE code and its provider (codes in any case, spaces ignored).
pub fn placement(place: &str, provider: &str) -> (Placed, Option<PlaceProblem>) {
    let place = place.trim();
    let Some(&(_, _, meaning)) = PLACE_CODES
        .iter()
        .find(|(code, _, _)| code.eq_ignore_ascii_case(place))
    else {
        return (
            Placed::In(PlacementType::WithParentsOther),
            Some(PlaceProblem::UnknownPlace),
        );
    };
    match meaning {
        PlaceMeaning::Always(placement) => (Placed::In(placement), None),
        PlaceMeaning::Temporary => (Placed::AsBefore, None),
        PlaceMeaning::FosterByProvider => {
            let provider = provider.trim();
            match PROVIDER_CODES
                .iter()
                .find(|(code, _, _)| code.eq_ignore_ascii_case(provider))
            {
                Some(&(_, _, true)) => (Placed::In(PlacementType::InHouseFoster), None),
                Some(&(_, _, false)) => (Placed::In(PlacementType::Ifa), None),
                None => (
                    Placed::In(PlacementType::InHouseFoster),
                    Some(PlaceProblem::UnknownProvider),
                ),
            }
        }
    }
}

/// How an episode ended, as the model needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// X1: a new episode begins the same day; the child stays in care.
    StaysInCare,
    /// Returned home or went to live with family (E4A, E4B, E13).
    ReturnHome,
    /// Adoption, special guardianship, residence or child arrangements order (E11, E12, E41,
    /// E43-E48).
    AdoptionSgo,
    /// Any other reason (E2, E3, E5-E9, E14, E16, and unknown codes).
    Other,
    /// Turned 18 (E15, E17, or any ending within a week of the 18th birthday): the model's
    /// ageing, not an exit rate.
    Turning18,
}

impl Ending {
    /// The label users read.
    pub fn label(self) -> &'static str {
        match self {
            Ending::StaysInCare => "stays in care (new episode)",
            Ending::ReturnHome => "return home",
            Ending::AdoptionSgo => "adoption / SGO / residence order",
            Ending::Other => "other",
            Ending::Turning18 => "turning 18",
        }
    }
}

/// Every REC code: (code, DfE meaning, ending).
pub const REC_CODES: &[(&str, &str, Ending)] = {
    use Ending::*;
    &[
        (
            "X1",
            "Episode ceases, and new episode begins on same day, for any reason",
            StaysInCare,
        ),
        (
            "E4A",
            "Returned home to parent(s) or others with parental responsibility, as part of the care plan",
            ReturnHome,
        ),
        (
            "E4B",
            "Returned home to parent(s) or others with parental responsibility, not as part of the care plan",
            ReturnHome,
        ),
        (
            "E13",
            "Left care to live with parent(s), relative(s) or others with no parental responsibility",
            ReturnHome,
        ),
        (
            "E11",
            "Adopted: application for an adoption order unopposed",
            AdoptionSgo,
        ),
        (
            "E12",
            "Adopted: consent dispensed with by the court",
            AdoptionSgo,
        ),
        (
            "E41",
            "Residence order or child arrangements order granted",
            AdoptionSgo,
        ),
        (
            "E43",
            "Special guardianship order to former foster carers (older returns)",
            AdoptionSgo,
        ),
        (
            "E44",
            "Special guardianship order to other carers (older returns)",
            AdoptionSgo,
        ),
        (
            "E45",
            "Special guardianship order to former foster carer(s) who are relatives or friends",
            AdoptionSgo,
        ),
        (
            "E46",
            "Special guardianship order to former foster carer(s) other than relatives or friends",
            AdoptionSgo,
        ),
        (
            "E47",
            "Special guardianship order to carer(s), not former foster carers, who are relatives or friends",
            AdoptionSgo,
        ),
        (
            "E48",
            "Special guardianship order to carer(s), not former foster carers, other than relatives or friends",
            AdoptionSgo,
        ),
        ("E2", "Died", Other),
        (
            "E3",
            "Care taken over by another local authority in the UK",
            Other,
        ),
        (
            "E5",
            "Moved into independent living with formalised support",
            Other,
        ),
        (
            "E6",
            "Moved into independent living without formalised support",
            Other,
        ),
        (
            "E7",
            "Transferred to residential care funded by adult social care",
            Other,
        ),
        (
            "E8",
            "Period of being looked after ceased for any other reason",
            Other,
        ),
        ("E9", "Sentenced to custody", Other),
        ("E14", "Accommodation on remand ended", Other),
        ("E16", "Child moved abroad", Other),
        (
            "E15",
            "Age assessment determined child is aged 18 or over",
            Turning18,
        ),
        (
            "E17",
            "Aged 18 (or over) and remained with current carers (e.g. staying put)",
            Turning18,
        ),
    ]
};

/// How an episode with this REC ended; `None` for a code in no year's guide (counted as other,
/// with a warning).
pub fn ending(rec: &str) -> Option<Ending> {
    let rec = rec.trim();
    REC_CODES
        .iter()
        .find(|(code, _, _)| code.eq_ignore_ascii_case(rec))
        .map(|&(_, _, ending)| ending)
}

/// Days before the 18th birthday within which any ending counts as turning 18 (birth dates are
/// sometimes rounded to the month; leaving a few days early is still ageing out).
pub const TURNING_18_DAYS: i32 = 7;

/// True for the legal statuses of an agreed series of short breaks (V3, V4): DfE leaves these
/// children out of its counts of children looked after, and so does Care Levers.
pub fn is_short_break(legal_status: &str) -> bool {
    let ls = legal_status.trim();
    ls.eq_ignore_ascii_case("V3") || ls.eq_ignore_ascii_case("V4")
}

/// True if `rne` is S: the first episode of a period of care.
pub fn starts_care(rne: &str) -> bool {
    rne.trim().eq_ignore_ascii_case("S")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placements_follow_the_table() {
        use PlacementType::*;
        assert_eq!(placement("U1", ""), (Placed::In(Kinship), None));
        assert_eq!(placement("u4", "PR1"), (Placed::In(InHouseFoster), None));
        assert_eq!(placement("U6", "PR4"), (Placed::In(Ifa), None));
        assert_eq!(placement("U5", "PR5 "), (Placed::In(Ifa), None));
        assert_eq!(
            placement("U4", ""),
            (
                Placed::In(InHouseFoster),
                Some(PlaceProblem::UnknownProvider)
            )
        );
        assert_eq!(placement("K2", "PR4"), (Placed::In(Residential), None));
        assert_eq!(placement("H5", "PR4"), (Placed::In(Supported), None));
        assert_eq!(placement("T1", ""), (Placed::AsBefore, None));
        assert_eq!(
            placement("ZZ", ""),
            (
                Placed::In(WithParentsOther),
                Some(PlaceProblem::UnknownPlace)
            )
        );
    }

    #[test]
    fn endings_follow_the_table() {
        assert_eq!(ending("X1"), Some(Ending::StaysInCare));
        assert_eq!(ending("e4a"), Some(Ending::ReturnHome));
        assert_eq!(ending("E45"), Some(Ending::AdoptionSgo));
        assert_eq!(ending("E17"), Some(Ending::Turning18));
        assert_eq!(ending("E99"), None);
        assert!(is_short_break("V4") && !is_short_break("V2"));
    }
}
