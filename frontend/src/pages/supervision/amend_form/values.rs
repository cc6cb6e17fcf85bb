//! The amend form's state: the record's amendable fields as typed, turned
//! into the shared crate's `RecordAmendment` (the GraphQL input) after the
//! same checks the server makes.

use chrono::NaiveDate;
use supervision_shared::amendment::{RecordAmendment, validate_amendment};
use supervision_shared::{Approach, FieldError, Mode, SupervisionFunction, SupervisionKind};
use uuid::Uuid;

use crate::api::supervision::{Supervision, SupervisionContent};
use crate::dates;

/// The form's name for an API field. The amend form shares the record page
/// with the validation and personal-notes forms (a personal reflection's
/// recorder is also its supervisee), so its ids must not be theirs.
pub fn form_field(api: &str) -> String {
    format!("amend-{api}")
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

/// The text fields, so one input component serves them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmendText {
    /// The external supervisor's name and organisation.
    ExternalSupervisor,
    /// The date held, as `YYYY-MM-DD`.
    HeldOn,
    /// The length in minutes, as typed.
    Duration,
    /// Where it took place.
    Location,
    /// Experience section.
    Experience,
    /// Reflection section.
    Reflection,
    /// Analysis section.
    Analysis,
    /// Action plan section.
    ActionPlan,
    /// Notes section.
    Notes,
}

impl AmendText {
    /// The API's name for the field.
    pub fn api_name(self) -> &'static str {
        match self {
            Self::ExternalSupervisor => "externalSupervisor",
            Self::HeldOn => "heldOn",
            Self::Duration => "durationMinutes",
            Self::Location => "location",
            Self::Experience => "experience",
            Self::Reflection => "reflection",
            Self::Analysis => "analysis",
            Self::ActionPlan => "actionPlan",
            Self::Notes => "notes",
        }
    }
}

/// The amendable fields as typed, starting from the record as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendValues {
    /// Approach, for clinical supervision.
    pub approach: Option<Approach>,
    /// Date held, `YYYY-MM-DD`.
    pub held_on: String,
    /// Minutes, as typed.
    pub duration: String,
    /// How they met.
    pub mode: Mode,
    /// Where.
    pub location: String,
    /// External supervisor (sent only for external supervision).
    pub external_supervisor: String,
    /// Experience.
    pub experience: String,
    /// Reflection.
    pub reflection: String,
    /// Analysis.
    pub analysis: String,
    /// Action plan.
    pub action_plan: String,
    /// Notes.
    pub notes: String,
    /// Functions of supervision covered.
    pub functions: Vec<SupervisionFunction>,
}

impl AmendValues {
    /// The record as it stands.
    pub fn of(record: &Supervision, content: &SupervisionContent) -> Self {
        Self {
            approach: record.approach,
            held_on: dates::iso(record.held_on),
            duration: record.duration_minutes.to_string(),
            mode: record.mode,
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

    /// Reads a text field.
    pub fn text(&self, field: AmendText) -> &str {
        match field {
            AmendText::ExternalSupervisor => &self.external_supervisor,
            AmendText::HeldOn => &self.held_on,
            AmendText::Duration => &self.duration,
            AmendText::Location => &self.location,
            AmendText::Experience => &self.experience,
            AmendText::Reflection => &self.reflection,
            AmendText::Analysis => &self.analysis,
            AmendText::ActionPlan => &self.action_plan,
            AmendText::Notes => &self.notes,
        }
    }

    /// Changes a text field.
    pub fn text_mut(&mut self, field: AmendText) -> &mut String {
        match field {
            AmendText::ExternalSupervisor => &mut self.external_supervisor,
            AmendText::HeldOn => &mut self.held_on,
            AmendText::Duration => &mut self.duration,
            AmendText::Location => &mut self.location,
            AmendText::Experience => &mut self.experience,
            AmendText::Reflection => &mut self.reflection,
            AmendText::Analysis => &mut self.analysis,
            AmendText::ActionPlan => &mut self.action_plan,
            AmendText::Notes => &mut self.notes,
        }
    }

    /// Builds the GraphQL input, running every rule the browser can check
    /// (the shared `validate_amendment`, and that typed dates and numbers
    /// parse). Errors carry API field names.
    pub fn to_amendment(
        &self,
        reason: &str,
        record: &RecordFacts,
        today: NaiveDate,
    ) -> Result<RecordAmendment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let held_on = dates::parse_iso(&self.held_on);
        if held_on.is_none() {
            errors.push(FieldError::new(
                "heldOn",
                "Enter the date the session was held.",
            ));
        }
        let duration = self.duration.trim().parse::<u32>().ok();
        if duration.is_none() {
            errors.push(FieldError::new(
                "durationMinutes",
                "Give the length in minutes, as a whole number such as 60.",
            ));
        }
        let amendment = RecordAmendment {
            approach: self.approach.filter(|_| record.kind.has_approach()),
            // Placeholders keep the shared rules running; the parse errors
            // above already speak for these fields.
            held_on: held_on.unwrap_or(today),
            duration_minutes: duration.unwrap_or(1),
            mode: self.mode,
            location: self.location.trim().to_owned(),
            external_supervisor: record
                .kind
                .is_external()
                .then(|| self.external_supervisor.trim().to_owned()),
            experience: self.experience.clone(),
            reflection: self.reflection.clone(),
            analysis: self.analysis.clone(),
            action_plan: self.action_plan.clone(),
            notes: self.notes.clone(),
            functions: self.functions.clone(),
            reason: reason.trim().to_owned(),
        };
        if let Err(found) = validate_amendment(
            &amendment,
            record.kind,
            record.supervisee_ids.clone(),
            record.recorder,
            today,
        ) {
            for error in found {
                if !errors.iter().any(|e| e.field == error.field) {
                    errors.push(error);
                }
            }
        }
        if errors.is_empty() {
            Ok(amendment)
        } else {
            Err(errors)
        }
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

    fn values() -> AmendValues {
        AmendValues {
            approach: Some(Approach::StructuredReflection),
            held_on: "2026-11-02".to_owned(),
            duration: "60".to_owned(),
            mode: Mode::FaceToFace,
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
        let Ok(amendment) = values().to_amendment(" The date was wrong ", &facts(), today()) else {
            panic!("the example amendment should be valid");
        };
        assert_eq!(amendment.reason, "The date was wrong");
        assert_eq!(amendment.location, "Team base");
        assert_eq!(amendment.external_supervisor, None);
        assert_eq!(amendment.approach, Some(Approach::StructuredReflection));
    }

    #[test]
    fn an_amendment_without_a_reason_or_a_readable_date_is_refused() {
        let mut typed = values();
        typed.held_on = "not a date".to_owned();
        let errors = typed
            .to_amendment("  ", &facts(), today())
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
