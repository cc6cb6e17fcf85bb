//! Amending a saved record (F4.4): what the recorder may change, and the
//! rules the changed record must meet. Who attended and what kind of session
//! it was are not amendable: a record with the wrong people or kind is one
//! made in error, which is removed (F4.5) and recorded again.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::content::RecordContent;
use crate::kind::SupervisionKind;
use crate::limits::COMMENT_MAX_CHARS;
use crate::record::{FieldError, RecordDraft, validate_record};

/// A record's amendable fields as the recorder now wants them, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "AmendSupervisionInput"))]
pub struct RecordAmendment {
    /// When, how and where the session was held, and what was discussed.
    #[serde(flatten)]
    #[cfg_attr(feature = "server", graphql(flatten))]
    pub content: RecordContent,
    /// Why the record is being changed; the supervisees see it.
    pub reason: String,
}

impl RecordAmendment {
    /// The record as it would stand after this amendment.
    pub fn as_draft(&self, kind: SupervisionKind, supervisee_ids: Vec<Uuid>) -> RecordDraft {
        RecordDraft {
            kind,
            content: self.content.clone(),
            supervisee_ids,
            actions: Vec::new(),
            cases: Vec::new(),
            submission_key: None,
        }
    }
}

/// Checks an amendment: the amended record meets every rule a new one does,
/// and the reason is given.
pub fn validate_amendment(
    amendment: &RecordAmendment,
    kind: SupervisionKind,
    supervisee_ids: Vec<Uuid>,
    recorder: Uuid,
    today: NaiveDate,
) -> Result<(), Vec<FieldError>> {
    let mut errors = validate_record(&amendment.as_draft(kind, supervisee_ids), recorder, today)
        .err()
        .unwrap_or_default();
    let reason = amendment.reason.trim().chars().count();
    if reason == 0 {
        errors.push(FieldError::new(
            "reason",
            "Say why the record is being changed: the supervisees will see it.",
        ));
    } else if reason > COMMENT_MAX_CHARS {
        errors.push(FieldError::too_long("reason", COMMENT_MAX_CHARS));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::{Approach, Mode, SupervisionFunction};

    fn amendment() -> RecordAmendment {
        RecordAmendment {
            content: RecordContent {
                approach: Some(Approach::StructuredReflection),
                held_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default(),
                duration_minutes: 60,
                mode: Mode::FaceToFace,
                location: String::new(),
                external_supervisor: None,
                experience: "Home visit".into(),
                reflection: String::new(),
                analysis: String::new(),
                action_plan: String::new(),
                notes: String::new(),
                functions: vec![SupervisionFunction::Supportive],
            },
            reason: "The date was wrong".into(),
        }
    }

    #[test]
    fn an_amendment_needs_a_reason() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let (recorder, supervisee) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let ok = amendment();
        assert!(
            validate_amendment(
                &ok,
                SupervisionKind::ClinicalOneToOne,
                vec![supervisee],
                recorder,
                today
            )
            .is_ok()
        );
        let mut silent = amendment();
        silent.reason = "  ".into();
        let errors = validate_amendment(
            &silent,
            SupervisionKind::ClinicalOneToOne,
            vec![supervisee],
            recorder,
            today,
        )
        .err()
        .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "reason");
    }

    #[test]
    fn an_amended_record_meets_every_rule_of_a_new_one() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let mut future = amendment();
        future.content.held_on = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let errors = validate_amendment(
            &future,
            SupervisionKind::ClinicalOneToOne,
            vec![Uuid::from_u128(2)],
            Uuid::from_u128(1),
            today,
        )
        .err()
        .unwrap_or_default();
        assert!(errors.iter().any(|e| e.field == "heldOn"), "{errors:?}");
    }
}
