//! Supervision agreements (F6): what a supervisor and supervisee write down
//! before they work together, checked the same way in the browser and on
//! the server, and where an agreement stands (signed, review due, a new one
//! needed). Every policy starts supervision with one: Cumbria's "contract"
//! reviewed at least annually, Portsmouth's agreement made jointly and
//! reviewed yearly, York's e-signed by both parties.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::limits::{DURATION_MAX_MINUTES, SECTION_MAX_CHARS, SHORT_TEXT_MAX_CHARS};
use crate::record::FieldError;

/// A review falls due this many days before the agreed review date: time
/// to book the meeting.
pub const REVIEW_DUE_SOON_DAYS: i64 = 30;

/// Shortest session an agreement may plan, in minutes.
pub const DURATION_MIN_MINUTES: u32 = 15;

/// One heading of an organisation's agreement template: its stable key,
/// the heading as the pair reads it, and the policy's words to start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::SimpleObject, async_graphql::InputObject)
)]
#[cfg_attr(feature = "server", graphql(input_name = "AgreementHeadingInput"))]
pub struct AgreementHeading {
    /// Stable key, e.g. `confidentiality`.
    pub key: String,
    /// The heading.
    pub heading: String,
    /// What the policy says, offered as the section's first draft.
    pub guidance: String,
}

/// The headings the policies give a supervision agreement (Cumbria's
/// contract meeting; Portsmouth's and York's agreements), with their words
/// as each section's first draft. Frequency, duration and venue are asked
/// for separately, as the frequency becomes the person's policy.
pub fn default_headings() -> Vec<AgreementHeading> {
    [
        (
            "purpose",
            "Purpose of supervision and our responsibilities",
            "Supervision supports the supervisee's practice, development and wellbeing, and gives management oversight of their work. Both of us prepare for and attend each session.",
        ),
        (
            "agenda",
            "How the agenda is set",
            "The supervisee brings items for the agenda; the supervisor adds case and practice items. The agenda covers the headings of the supervision record.",
        ),
        (
            "recording",
            "How and when the record is written and shared",
            "The supervisor writes the record and shares it within 10 working days; the supervisee reads it, comments where they see it differently, and confirms it.",
        ),
        (
            "confidentiality",
            "Confidentiality and its limits",
            "What is said in supervision stays between us, except where it raises a concern about the safety of a child, young person or adult, or about professional conduct or capability. Then the supervisor must act, and will tell the supervisee first unless that would put someone at risk.",
        ),
        (
            "performance",
            "Performance and capability",
            "Concerns about performance are raised in supervision first and recorded; formal procedures are kept separate from this agreement.",
        ),
        (
            "disagreements",
            "How disagreements are resolved",
            "We try first to resolve a disagreement between us in the session, and record the different views. One we cannot resolve goes to the supervisor's line manager, with both of us knowing.",
        ),
        (
            "cancellation",
            "Cancelling and rearranging sessions",
            "Dates are set in advance and changed only by agreement. A cancelled session is rearranged for the earliest possible date; after sickness absence, within seven working days of return.",
        ),
    ]
    .into_iter()
    .map(|(key, heading, guidance)| AgreementHeading {
        key: key.to_owned(),
        heading: heading.to_owned(),
        guidance: guidance.to_owned(),
    })
    .collect()
}

/// Checks an organisation's template: at least one heading; each key
/// unique, lower-case letters and underscores; each heading named, and its
/// words within the section limit.
pub fn check_headings(headings: &[AgreementHeading]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if headings.is_empty() {
        errors.push(FieldError::new("headings", "Keep at least one heading."));
    }
    for (i, h) in headings.iter().enumerate() {
        let key_ok = !h.key.is_empty()
            && h.key.len() <= 40
            && h.key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if !key_ok {
            errors.push(FieldError::new(
                format!("headings.{i}.key"),
                "Use lower-case letters and underscores, up to 40.",
            ));
        } else if headings[..i].iter().any(|earlier| earlier.key == h.key) {
            errors.push(FieldError::new(
                format!("headings.{i}.key"),
                "Each heading's key is different.",
            ));
        }
        let named = h.heading.trim();
        if named.is_empty() || named.chars().count() > SHORT_TEXT_MAX_CHARS {
            errors.push(FieldError::new(
                format!("headings.{i}.heading"),
                "Name the heading (up to 200 characters).",
            ));
        }
        if h.guidance.chars().count() > SECTION_MAX_CHARS {
            errors.push(FieldError::new(
                format!("headings.{i}.guidance"),
                "Keep the words under 20,000 characters.",
            ));
        }
    }
    errors
}

/// What the two parties agree, as written (the sections keyed by heading).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementTerms {
    /// Days between formal supervisions.
    pub frequency_days: u32,
    /// Why this frequency, when it is less often than the organisation's
    /// (a head of service reads it before approving).
    pub frequency_reason: String,
    /// Usual length of a session, in minutes.
    pub duration_minutes: u32,
    /// Usual venue.
    pub venue: String,
    /// The first day it applies.
    pub starts_on: NaiveDate,
    /// When it is reviewed (at least yearly).
    pub review_by: NaiveDate,
    /// Each heading's text, by key.
    pub sections: Vec<(String, String)>,
}

/// Checks terms against the headings the organisation's template asks for;
/// every problem, by field. `default_days` is how often the organisation's
/// policy asks for this kind of supervision: less often needs a reason.
pub fn check_terms(
    terms: &AgreementTerms,
    headings: &[AgreementHeading],
    default_days: u32,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !(1..=366).contains(&terms.frequency_days) {
        errors.push(FieldError::new(
            "frequencyDays",
            "Give how often you will meet, in days from 1 to 366.",
        ));
    } else if terms.frequency_days > default_days && terms.frequency_reason.trim().is_empty() {
        errors.push(FieldError::new(
            "frequencyReason",
            format!(
                "Meeting less often than every {default_days} days needs a head of service's approval: say why."
            ),
        ));
    }
    if terms.frequency_reason.chars().count() > SHORT_TEXT_MAX_CHARS * 5 {
        errors.push(FieldError::new(
            "frequencyReason",
            "Keep the reason under 1,000 characters.",
        ));
    }
    if !(DURATION_MIN_MINUTES..=DURATION_MAX_MINUTES).contains(&terms.duration_minutes) {
        errors.push(FieldError::new(
            "durationMinutes",
            format!(
                "Give the usual length in minutes, from {DURATION_MIN_MINUTES} to {DURATION_MAX_MINUTES}."
            ),
        ));
    }
    let venue = terms.venue.trim();
    if venue.is_empty() || venue.chars().count() > SHORT_TEXT_MAX_CHARS {
        errors.push(FieldError::new(
            "venue",
            "Say where you usually meet (up to 200 characters).",
        ));
    }
    if terms.review_by <= terms.starts_on {
        errors.push(FieldError::new(
            "reviewBy",
            "The review is after the start.",
        ));
    } else if terms.review_by > latest_review(terms.starts_on) {
        errors.push(FieldError::new(
            "reviewBy",
            "An agreement is reviewed at least once a year.",
        ));
    }
    for heading in headings {
        let text = terms
            .sections
            .iter()
            .find(|(key, _)| *key == heading.key)
            .map_or("", |(_, text)| text.as_str());
        if text.trim().is_empty() {
            errors.push(FieldError::new(
                format!("sections.{}", heading.key),
                format!("Write what you agree on \"{}\".", heading.heading),
            ));
        } else if text.chars().count() > SECTION_MAX_CHARS {
            errors.push(FieldError::new(
                format!("sections.{}", heading.key),
                "Keep each section under 20,000 characters.",
            ));
        }
    }
    for (key, _) in &terms.sections {
        if !headings.iter().any(|h| h.key == *key) {
            errors.push(FieldError::new(
                format!("sections.{key}"),
                "The organisation's agreement has no such heading.",
            ));
        }
    }
    errors
}

/// The latest review date an agreement starting on `starts_on` may have: a
/// year on.
pub fn latest_review(starts_on: NaiveDate) -> NaiveDate {
    starts_on
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX)
}

/// Where a supervisee's agreement with the viewer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
pub enum AgreementStanding {
    /// Signed by both and not yet due for review.
    Current,
    /// The review falls within the next 30 days.
    ReviewDue,
    /// The review date has passed.
    ReviewOverdue,
    /// Written, waiting for one or both signatures.
    AwaitingSignature,
    /// None in force: none was ever made, or the one in force was made with
    /// another supervisor (a change of supervisor needs a new one).
    NewNeeded,
    /// The one in force was made before the supervisee's extended absence:
    /// renewed now they are back (York).
    RenewalAfterAbsence,
}

coded_enum!(AgreementStanding, "agreement standing", {
    Current => ("current", "Agreement in place"),
    ReviewDue => ("review_due", "Agreement review due"),
    ReviewOverdue => ("review_overdue", "Agreement review overdue"),
    AwaitingSignature => ("awaiting_signature", "Agreement awaiting signature"),
    NewNeeded => ("new_needed", "Agreement needed"),
    RenewalAfterAbsence => ("renewal_after_absence", "Agreement to renew after absence"),
});

impl AgreementStanding {
    /// Whether someone should act on it.
    pub fn needs_action(self) -> bool {
        self != AgreementStanding::Current
    }
}

/// The agreement in force, as `standing` reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InForce {
    /// Its supervisor.
    pub supervisor: uuid::Uuid,
    /// The day the second signature put it in force.
    pub since: NaiveDate,
    /// Its review date.
    pub review_by: NaiveDate,
}

/// The facts `standing` reads about a pair's agreements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementFacts {
    /// The agreement in force, if any.
    pub in_force: Option<InForce>,
    /// A newer one is written with this supervisor and awaits a signature.
    pub awaiting_signature: bool,
    /// The first day back after the supervisee's latest extended absence
    /// ([`crate::absence`]), if any.
    pub back_from_absence: Option<NaiveDate>,
}

/// How the agreement between a supervisee and their supervisor today stands.
pub fn standing(
    facts: AgreementFacts,
    supervisor: uuid::Uuid,
    today: NaiveDate,
) -> AgreementStanding {
    match facts.in_force {
        Some(agreed) if agreed.supervisor == supervisor => {
            let review_by = agreed.review_by;
            let renewal_due = facts
                .back_from_absence
                .is_some_and(|back| back <= today && agreed.since < back);
            if renewal_due {
                if facts.awaiting_signature {
                    AgreementStanding::AwaitingSignature
                } else {
                    AgreementStanding::RenewalAfterAbsence
                }
            } else if review_by < today {
                AgreementStanding::ReviewOverdue
            } else if (review_by - today).num_days() <= REVIEW_DUE_SOON_DAYS {
                AgreementStanding::ReviewDue
            } else {
                AgreementStanding::Current
            }
        }
        _ if facts.awaiting_signature => AgreementStanding::AwaitingSignature,
        _ => AgreementStanding::NewNeeded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn terms() -> AgreementTerms {
        AgreementTerms {
            frequency_days: 28,
            frequency_reason: String::new(),
            duration_minutes: 90,
            venue: "Team base, quiet room".into(),
            starts_on: day(2026, 12, 1),
            review_by: day(2027, 12, 1),
            sections: default_headings()
                .into_iter()
                .map(|h| (h.key, h.guidance))
                .collect(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_template_has_headings_with_distinct_plain_keys() {
        assert!(check_headings(&default_headings()).is_empty());
        let mut twice = default_headings();
        twice[1].key = twice[0].key.clone();
        twice[2].key = "Not Plain".into();
        twice[3].heading = " ".into();
        assert_eq!(
            fields(&check_headings(&twice)),
            ["headings.1.key", "headings.2.key", "headings.3.heading"]
        );
        assert_eq!(fields(&check_headings(&[])), ["headings"]);
    }

    #[test]
    fn the_policies_headings_make_a_complete_agreement() {
        assert!(check_terms(&terms(), &default_headings(), 28).is_empty());
    }

    #[test]
    fn every_supervision_contract_is_reviewed_at_least_annually() {
        let mut t = terms();
        t.review_by = day(2027, 12, 2);
        assert_eq!(
            fields(&check_terms(&t, &default_headings(), 28)),
            ["reviewBy"]
        );
        t.review_by = t.starts_on;
        assert_eq!(
            fields(&check_terms(&t, &default_headings(), 28)),
            ["reviewBy"]
        );
    }

    #[test]
    fn less_frequent_than_four_weekly_must_say_why_for_the_head_of_service() {
        let mut t = terms();
        t.frequency_days = 42;
        assert_eq!(
            fields(&check_terms(&t, &default_headings(), 28)),
            ["frequencyReason"]
        );
        t.frequency_reason = "Experienced practitioner; monthly group supervision as well".into();
        assert!(check_terms(&t, &default_headings(), 28).is_empty());
    }

    #[test]
    fn each_heading_is_written_and_none_is_invented() {
        let mut t = terms();
        t.sections.retain(|(key, _)| key != "confidentiality");
        t.sections.push(("gossip".into(), "No".into()));
        t.venue = " ".into();
        t.duration_minutes = 5;
        assert_eq!(
            fields(&check_terms(&t, &default_headings(), 28)),
            [
                "durationMinutes",
                "venue",
                "sections.confidentiality",
                "sections.gossip"
            ]
        );
    }

    #[test]
    fn a_review_is_flagged_a_month_ahead_and_a_new_supervisor_needs_a_new_agreement() {
        let (priya, owen) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
        let signed = AgreementFacts {
            in_force: Some(InForce {
                supervisor: priya,
                since: day(2026, 6, 30),
                review_by: day(2027, 6, 30),
            }),
            awaiting_signature: false,
            back_from_absence: None,
        };
        assert_eq!(
            standing(signed, priya, day(2027, 5, 30)),
            AgreementStanding::Current
        );
        assert_eq!(
            standing(signed, priya, day(2027, 5, 31)),
            AgreementStanding::ReviewDue
        );
        assert_eq!(
            standing(signed, priya, day(2027, 6, 30)),
            AgreementStanding::ReviewDue
        );
        assert_eq!(
            standing(signed, priya, day(2027, 7, 1)),
            AgreementStanding::ReviewOverdue
        );
        assert_eq!(
            standing(signed, owen, day(2027, 1, 1)),
            AgreementStanding::NewNeeded
        );
        let written = AgreementFacts {
            awaiting_signature: true,
            ..signed
        };
        assert_eq!(
            standing(written, owen, day(2027, 1, 1)),
            AgreementStanding::AwaitingSignature
        );
        assert_eq!(
            standing(
                AgreementFacts {
                    in_force: None,
                    awaiting_signature: false,
                    back_from_absence: None,
                },
                owen,
                day(2027, 1, 1)
            ),
            AgreementStanding::NewNeeded
        );
    }

    /// York: an agreement is "renewed after an interval such as an extended
    /// period of sickness absence or other extended leave".
    #[test]
    fn an_agreement_is_renewed_after_an_interval_such_as_an_extended_period_of_sickness_absence() {
        let priya = uuid::Uuid::from_u128(1);
        let agreed = InForce {
            supervisor: priya,
            since: day(2026, 3, 2),
            review_by: day(2027, 3, 1),
        };
        let back = AgreementFacts {
            in_force: Some(agreed),
            awaiting_signature: false,
            back_from_absence: Some(day(2026, 11, 2)),
        };
        assert_eq!(
            standing(back, priya, day(2026, 11, 1)),
            AgreementStanding::Current,
            "not until they are back"
        );
        assert_eq!(
            standing(back, priya, day(2026, 11, 2)),
            AgreementStanding::RenewalAfterAbsence
        );
        assert_eq!(
            standing(
                AgreementFacts {
                    awaiting_signature: true,
                    ..back
                },
                priya,
                day(2026, 11, 2)
            ),
            AgreementStanding::AwaitingSignature,
            "the renewal is written and waits for a signature"
        );
        let renewed = AgreementFacts {
            in_force: Some(InForce {
                since: day(2026, 11, 9),
                review_by: day(2027, 11, 8),
                ..agreed
            }),
            ..back
        };
        assert_eq!(
            standing(renewed, priya, day(2026, 11, 9)),
            AgreementStanding::Current,
            "signed on or after the day back"
        );
    }
}
