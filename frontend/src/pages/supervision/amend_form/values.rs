//! The amend form's state: the record's amendable fields as typed (the
//! record form's content fields), turned into the shared crate's
//! `RecordAmendment` (the GraphQL input) after the same checks the server
//! makes.

use chrono::NaiveDate;
use supervision_shared::amendment::{RecordAmendment, validate_amendment};
use supervision_shared::{FieldError, SupervisionKind};
use uuid::Uuid;

use crate::api::supervision::{Supervision, SupervisionContent};
use crate::components::record_content::{ContentValues, add_rule_errors};
use crate::dates;

/// What the form's field names start with. The amend form shares the record
/// page with the validation and personal-notes forms (a personal
/// reflection's recorder is also its supervisee), so its ids must not be
/// theirs.
pub const PREFIX: &str = "amend-";

/// The form's name for an API field.
pub fn form_field(api: &str) -> String {
    format!("{PREFIX}{api}")
}

/// The order the fields appear in, so the error summary lists problems top
/// to bottom.
const FIELD_ORDER: &[&str] = &[
    "approach",
    "externalSupervisor",
    "heldOn",
    "durationMinutes",
    "mode",
    "location",
    "experience",
    "reflection",
    "analysis",
    "actionPlan",
    "notes",
    "functions",
    "reason",
];

/// The API's errors in page order, renamed for this form's fields.
pub fn form_errors(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    errors.sort_by_key(|e| {
        FIELD_ORDER
            .iter()
            .position(|f| *f == e.field)
            .unwrap_or(FIELD_ORDER.len())
    });
    errors
        .into_iter()
        .map(|e| FieldError::new(form_field(&e.field), e.message))
        .collect()
}

/// The amendable fields as the record has them now, which the form starts
/// from.
pub fn as_it_stands(record: &Supervision, content: &SupervisionContent) -> ContentValues {
    ContentValues {
        approach: record.approach,
        held_on: dates::iso(record.held_on),
        duration: record.duration_minutes.to_string(),
        mode: Some(record.mode),
        location: record.location.clone(),
        external_supervisor: record.external_supervisor.clone().unwrap_or_default(),
        experience: content.experience.clone(),
        reflection: content.reflection.clone(),
        analysis: content.analysis.clone(),
        action_plan: content.action_plan.clone(),
        notes: content.notes.clone(),
        functions: content.functions.clone(),
    }
}

/// What the rules need to know about the record being amended, which the
/// amendment cannot change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFacts {
    /// The record.
    pub id: Uuid,
    /// What kind of session it was.
    pub kind: SupervisionKind,
    /// Who recorded it (the only person who may amend it).
    pub recorder: Uuid,
    /// Who was supervised.
    pub supervisee_ids: Vec<Uuid>,
    /// Their names, to say who is asked to validate again.
    pub supervisee_names: Vec<String>,
}

impl RecordFacts {
    /// The facts of this record.
    pub fn of(record: &Supervision) -> Self {
        Self {
            id: record.id,
            kind: record.kind,
            recorder: record.recorded_by.id,
            supervisee_ids: record.attendees.iter().map(|a| a.supervisee.id).collect(),
            supervisee_names: record
                .attendees
                .iter()
                .map(|a| a.supervisee.name.clone())
                .collect(),
        }
    }

    /// The GraphQL input for amending this record to what was typed, after
    /// every rule the browser can check (the shared `validate_amendment`,
    /// and that typed dates and numbers read). Errors carry API field names.
    pub fn amendment(
        &self,
        typed: &ContentValues,
        reason: &str,
        today: NaiveDate,
    ) -> Result<RecordAmendment, Vec<FieldError>> {
        let (content, mut errors) = typed.to_content(self.kind, today);
        let amendment = RecordAmendment {
            content,
            reason: reason.trim().to_owned(),
        };
        add_rule_errors(
            &mut errors,
            validate_amendment(
                &amendment,
                self.kind,
                self.supervisee_ids.clone(),
                self.recorder,
                today,
            ),
        );
        if errors.is_empty() {
            Ok(amendment)
        } else {
            Err(errors)
        }
    }

    /// What to tell the recorder once version `version` is saved.
    pub fn amended_message(&self, version: u32) -> String {
        let saved = format!("Version {version} of the record has been saved.");
        // A personal reflection's only supervisee is its recorder.
        if self.supervisee_ids == [self.recorder] {
            return format!("{saved} Please validate it again below.");
        }
        let asked = match self.supervisee_names.as_slice() {
            [] => return saved,
            [one] => format!("{one} has"),
            [rest @ .., last] => format!("{} and {last} have", rest.join(", ")),
        };
        format!("{saved} {asked} been asked to validate it again.")
    }
}

#[cfg(test)]
mod tests {
    use supervision_shared::{Approach, Mode, SupervisionFunction};

    use super::*;

    fn facts() -> RecordFacts {
        RecordFacts {
            id: Uuid::from_u128(9),
            kind: SupervisionKind::ClinicalOneToOne,
            recorder: Uuid::from_u128(1),
            supervisee_ids: vec![Uuid::from_u128(2)],
            supervisee_names: vec!["Tom Reed".to_owned()],
        }
    }

    fn values() -> ContentValues {
        ContentValues {
            approach: Some(Approach::StructuredReflection),
            held_on: "2026-11-02".to_owned(),
            duration: "60".to_owned(),
            mode: Some(Mode::FaceToFace),
            location: " Team base ".to_owned(),
            external_supervisor: "Left over".to_owned(),
            experience: "Home visit".to_owned(),
            reflection: String::new(),
            analysis: String::new(),
            action_plan: String::new(),
            notes: String::new(),
            functions: vec![SupervisionFunction::Supportive],
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default()
    }

    #[test]
    fn an_amendment_says_why_and_sends_only_what_the_kind_has() {
        let Ok(amendment) = facts().amendment(&values(), " The date was wrong ", today()) else {
            panic!("the example amendment should be valid");
        };
        assert_eq!(amendment.reason, "The date was wrong");
        assert_eq!(amendment.content.location, "Team base");
        assert_eq!(amendment.content.external_supervisor, None);
        assert_eq!(
            amendment.content.approach,
            Some(Approach::StructuredReflection)
        );
        // The GraphQL input keeps its flat field names.
        let json = serde_json::to_value(&amendment).unwrap_or_default();
        assert_eq!(json["heldOn"], "2026-11-02");
        assert_eq!(json["durationMinutes"], 60);
        assert_eq!(json["reason"], "The date was wrong");
        assert_eq!(json.get("content"), None);
    }

    #[test]
    fn an_amendment_without_a_reason_or_a_readable_date_is_refused() {
        let mut typed = values();
        typed.held_on = "not a date".to_owned();
        let errors = facts()
            .amendment(&typed, "  ", today())
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = form_errors(errors).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["amend-heldOn", "amend-reason"]);
    }

    #[test]
    fn the_recorder_is_told_who_will_validate_again() {
        assert_eq!(
            facts().amended_message(2),
            "Version 2 of the record has been saved. Tom Reed has been asked to validate it again."
        );
        let group = RecordFacts {
            supervisee_names: vec!["Tom Reed".into(), "Aisha Khan".into(), "Sam Lee".into()],
            ..facts()
        };
        assert!(
            group.amended_message(3).ends_with(
                "Tom Reed, Aisha Khan and Sam Lee have been asked to validate it again."
            )
        );
    }
}
