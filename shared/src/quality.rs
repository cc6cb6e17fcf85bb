//! Quality assurance of supervision (F8): the pure rules of a dip-sample
//! audit round. The sample is random and reproducible: drawn from the
//! eligible records in a fixed order with a seed kept with the round, so
//! anyone can draw it again and see that every eligible record was equally
//! likely.

use serde::{Deserialize, Serialize};

use crate::{FieldError, SupervisionKind, coded_enum};

mod disclosure;
mod finding;
mod observation;
pub mod questionnaire;
mod tally;
pub use disclosure::publishable;
pub use finding::{Finding, FindingDraft, check_finding};
pub use observation::{
    OBSERVATION_INTERVAL_MONTHS, Observation, ObservationDraft, check_observation,
    check_signing_comment, observation_due, observation_overdue,
};
pub use tally::{Tally, by_standard};

/// The largest sample a round draws: an auditor scores each one by hand.
pub const LARGEST_SAMPLE: u32 = 500;

/// The longest a round stays open (its records readable for the audit).
pub const LONGEST_ROUND_DAYS: i64 = 90;

/// How big the sample is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SampleSize {
    /// This many records (or all, if fewer are eligible).
    Records(u32),
    /// This percentage of the eligible records, rounded up.
    Percent(u32),
}

impl SampleSize {
    /// How many to draw from `eligible` records.
    pub fn of(self, eligible: usize) -> usize {
        let wanted = match self {
            Self::Records(n) => n as usize,
            Self::Percent(p) => (eligible * p as usize).div_ceil(100),
        };
        wanted.min(eligible).min(LARGEST_SAMPLE as usize)
    }
}

/// Kinds a round may sample: supervision of practice. Performance
/// management records are HR's and never drawn (F7.5); a personal
/// reflection is the person's own, not supervision.
pub fn may_sample(kind: SupervisionKind) -> bool {
    !matches!(
        kind,
        SupervisionKind::PerformanceManagement | SupervisionKind::PersonalReflection
    )
}

/// Checks what is asked of a round before anything is read: the title, the
/// period, the kinds, the sample size and how long it stays open.
pub fn validate_round(
    title: &str,
    period: (chrono::NaiveDate, chrono::NaiveDate),
    kinds: &[SupervisionKind],
    size: SampleSize,
    open_days: i64,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        errors.push(FieldError::new(
            "title",
            "Enter a title for the audit round.",
        ));
    } else if title.chars().count() > 200 {
        errors.push(FieldError::new(
            "title",
            "The title must be 200 characters or fewer.",
        ));
    }
    if period.0 > period.1 {
        errors.push(FieldError::new(
            "periodTo",
            "The end of the period must be the same as or after its start.",
        ));
    }
    if kinds.is_empty() {
        errors.push(FieldError::new(
            "kinds",
            "Choose at least one kind of supervision to sample.",
        ));
    } else if kinds.iter().any(|k| !may_sample(*k)) {
        errors.push(FieldError::new(
            "kinds",
            "Performance management records and personal reflections are never sampled.",
        ));
    }
    match size {
        SampleSize::Records(n) if n == 0 || n > LARGEST_SAMPLE => errors.push(FieldError::new(
            "sampleSize",
            format!("Sample between 1 and {LARGEST_SAMPLE} records."),
        )),
        SampleSize::Percent(p) if p == 0 || p > 100 => errors.push(FieldError::new(
            "samplePercent",
            "The percentage must be between 1 and 100.",
        )),
        _ => {}
    }
    if !(1..=LONGEST_ROUND_DAYS).contains(&open_days) {
        errors.push(FieldError::new(
            "closesOn",
            format!(
                "The round must close between tomorrow and {LONGEST_ROUND_DAYS} days from today."
            ),
        ));
    }
    errors
}

/// How a sampled record meets one standard of the audit tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "AuditRating::parse",
        to_str = "(|v: &AuditRating| v.as_str())"
    )
)]
pub enum AuditRating {
    /// The record meets the standard.
    Met,
    /// In part.
    PartlyMet,
    /// Not at all.
    NotMet,
    /// The standard does not apply to this record.
    NotApplicable,
}

coded_enum!(AuditRating, "audit rating", {
    Met => ("met", "Met"),
    PartlyMet => ("partly_met", "Partly met"),
    NotMet => ("not_met", "Not met"),
    NotApplicable => ("not_applicable", "Not applicable"),
});

/// One standard a sampled record is scored against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditQuestion {
    /// Its stable key, stored with each score.
    pub key: &'static str,
    /// The standard, as the auditor reads it.
    pub text: &'static str,
}

const fn question(key: &'static str, text: &'static str) -> AuditQuestion {
    AuditQuestion { key, text }
}

/// The audit tool: the standards the policies set for a supervision record
/// (York's standards 1, 2, 3 and 5; Cumbria's audit tool and its equal
/// opportunities check; Portsmouth's SMART actions, wellbeing record and
/// defensible decisions; the 10 working days of F4.3).
pub const AUDIT_TOOL: &[AuditQuestion] = &[
    question(
        "agreement",
        "A written supervision agreement is in place and was reviewed within the last year.",
    ),
    question(
        "frequency",
        "Supervision took place as often as the policy and the agreement set.",
    ),
    question(
        "shared_on_time",
        "The record was shared with the supervisee within 10 working days.",
    ),
    question(
        "agreed",
        "The supervisee agreed the record, or their different view is noted on it.",
    ),
    question(
        "reflective",
        "The reflective cycle is evident: experience, reflection, analysis and a plan.",
    ),
    question(
        "wellbeing",
        "The supervisee's wellbeing and workload were discussed.",
    ),
    question(
        "actions",
        "Actions are SMART, and actions from earlier sessions were followed up.",
    ),
    question(
        "decisions",
        "Decisions about cases are recorded with the reasons for them.",
    ),
    question("supervisee_view", "The supervisee's own view is recorded."),
    question(
        "equality",
        "Equality and anti-discriminatory practice were considered where relevant.",
    ),
];

/// The tool's question with this key.
pub fn audit_question(key: &str) -> Option<&'static AuditQuestion> {
    AUDIT_TOOL.iter().find(|q| q.key == key)
}

/// The longest comment on one standard.
pub const SCORE_COMMENT_MAX_CHARS: usize = 2000;

/// One standard scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// The question's key.
    pub question: String,
    /// How the record meets it.
    pub rating: AuditRating,
    /// What the auditor saw; required where the standard is not fully met,
    /// so the supervisor reads what to change.
    pub comment: String,
}

/// Checks a record's scores: every question of the tool answered once, no
/// other question, and a comment wherever a standard is partly or not met.
/// Errors name `scores.<key>.rating` or `scores.<key>.comment`.
pub fn validate_scores(scores: &[Score]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for score in scores {
        if audit_question(&score.question).is_none() {
            errors.push(FieldError::new(
                format!("scores.{}.rating", score.question),
                "This is not a question of the audit tool.",
            ));
        }
    }
    for q in AUDIT_TOOL {
        let answers: Vec<&Score> = scores.iter().filter(|s| s.question == q.key).collect();
        let field = |part: &str| format!("scores.{}.{part}", q.key);
        match answers.as_slice() {
            [] => errors.push(FieldError::new(
                field("rating"),
                "Choose met, partly met, not met or not applicable.",
            )),
            [one] => {
                let comment = one.comment.trim();
                if matches!(one.rating, AuditRating::PartlyMet | AuditRating::NotMet)
                    && comment.is_empty()
                {
                    errors.push(FieldError::new(
                        field("comment"),
                        "Say what is missing, so the supervisor knows what to change.",
                    ));
                } else if comment.chars().count() > SCORE_COMMENT_MAX_CHARS {
                    errors.push(FieldError::new(
                        field("comment"),
                        format!(
                            "The comment must be {SCORE_COMMENT_MAX_CHARS} characters or fewer."
                        ),
                    ));
                }
            }
            _ => errors.push(FieldError::new(
                field("rating"),
                "Answer each question once.",
            )),
        }
    }
    errors
}

/// SplitMix64: small, fast and fully determined by its seed, so a round's
/// draw can be repeated on any machine. Not for secrets; for fair draws.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`, every one equally likely: draws that would
    /// favour the low numbers (the remainder of 2^64 by `bound`) are
    /// drawn again.
    fn below(&mut self, bound: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % bound);
        loop {
            let n = self.next();
            if n < zone {
                return n % bound;
            }
        }
    }
}

/// Draws `size` of `eligible` at random with `seed`, in draw order. The
/// same eligible list (in the same order: the caller sorts it) and seed
/// always give the same sample; every element is equally likely to be in
/// it (a partial Fisher–Yates shuffle).
pub fn draw_sample<T: Clone>(eligible: &[T], size: usize, seed: u64) -> Vec<T> {
    let mut pool: Vec<T> = eligible.to_vec();
    let size = size.min(pool.len());
    let mut random = SplitMix64(seed);
    for i in 0..size {
        let remaining = (pool.len() - i) as u64;
        let j = i + random.below(remaining) as usize;
        pool.swap(i, j);
    }
    pool.truncate(size);
    pool
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_sample_and_another_seed_another() {
        let eligible: Vec<u32> = (0..100).collect();
        let first = draw_sample(&eligible, 10, 42);
        assert_eq!(first, draw_sample(&eligible, 10, 42));
        assert_ne!(first, draw_sample(&eligible, 10, 43));
        let mut unique = first.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 10, "no record drawn twice");
        assert_eq!(draw_sample(&eligible[..3], 10, 1).len(), 3, "at most all");
    }

    #[test]
    fn every_eligible_record_is_equally_likely() {
        // 20,000 rounds of 3 from 10: each record expected 6,000 times.
        // Fixed seeds, so the figures are the same on every run; a bias
        // of a few per cent towards any position would break the bound.
        let eligible: Vec<usize> = (0..10).collect();
        let mut drawn = [0u32; 10];
        for seed in 0..20_000u64 {
            for i in draw_sample(&eligible, 3, seed.wrapping_mul(0x2545_F491_4F6C_DD1D)) {
                drawn[i] += 1;
            }
        }
        for (record, count) in drawn.iter().enumerate() {
            assert!(
                (5_700..=6_300).contains(count),
                "record {record} drawn {count} times of an expected 6,000: {drawn:?}"
            );
        }
    }

    #[test]
    fn a_percentage_rounds_up_and_never_exceeds_the_eligible() {
        assert_eq!(SampleSize::Percent(10).of(95), 10);
        assert_eq!(SampleSize::Percent(10).of(0), 0);
        assert_eq!(SampleSize::Percent(1).of(3), 1);
        assert_eq!(SampleSize::Records(20).of(7), 7);
        assert_eq!(SampleSize::Percent(100).of(10_000), LARGEST_SAMPLE as usize);
    }

    fn all_met() -> Vec<Score> {
        AUDIT_TOOL
            .iter()
            .map(|q| Score {
                question: q.key.to_owned(),
                rating: AuditRating::Met,
                comment: String::new(),
            })
            .collect()
    }

    fn fields(scores: &[Score]) -> Vec<String> {
        validate_scores(scores)
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn every_standard_is_scored_once_and_a_shortfall_says_why() {
        assert!(fields(&all_met()).is_empty());
        let mut missing = all_met();
        missing.retain(|s| s.question != "actions");
        assert_eq!(fields(&missing), ["scores.actions.rating"]);
        let mut short = all_met();
        short[4].rating = AuditRating::NotMet;
        assert_eq!(fields(&short), ["scores.reflective.comment"]);
        short[4].comment = "No analysis: the record lists events only.".into();
        assert!(fields(&short).is_empty());
        let mut twice = all_met();
        twice.push(twice[0].clone());
        assert_eq!(fields(&twice), ["scores.agreement.rating"]);
        let mut unknown = all_met();
        unknown.push(Score {
            question: "colour".into(),
            rating: AuditRating::Met,
            comment: String::new(),
        });
        assert_eq!(fields(&unknown), ["scores.colour.rating"]);
    }

    #[test]
    fn a_round_is_refused_without_kinds_a_fair_size_or_with_performance_records() {
        let day = chrono::NaiveDate::MIN;
        let fields = |kinds: &[SupervisionKind], size, days| {
            validate_round("Q3 dip sample", (day, day), kinds, size, days)
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        let clinical = [SupervisionKind::ClinicalOneToOne];
        assert!(fields(&clinical, SampleSize::Records(10), 28).is_empty());
        assert_eq!(fields(&[], SampleSize::Records(10), 28), ["kinds"]);
        assert_eq!(
            fields(
                &[SupervisionKind::PerformanceManagement],
                SampleSize::Records(10),
                28
            ),
            ["kinds"]
        );
        assert_eq!(
            fields(&clinical, SampleSize::Percent(0), 28),
            ["samplePercent"]
        );
        assert_eq!(
            fields(&clinical, SampleSize::Records(501), 28),
            ["sampleSize"]
        );
        assert_eq!(fields(&clinical, SampleSize::Records(5), 91), ["closesOn"]);
    }
}
