//! A record's content as typed, dates and numbers still text so nothing
//! typed is lost before it can be read, and the one place that reads it
//! into the shared crate's `RecordContent`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use supervision_shared::{
    Approach, FieldError, Mode, RecordContent, SupervisionFunction, SupervisionKind,
};

use crate::dates;

/// The text fields of a record's content, so one input component serves
/// them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
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

impl TextField {
    /// The API's name for the field: its errors come back under it, and a
    /// form's field names and ids are made from it.
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

/// Said when no mode is chosen.
pub const MODE_MISSING: &str = "Choose how the session was held: face to face, video or phone.";

/// A record's content as typed. The record form's saved drafts hold these
/// fields under these names, so renaming one loses what people typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContentValues {
    /// Approach, kept even while hidden so switching kind back restores it.
    pub approach: Option<Approach>,
    /// External supervisor (sent only for external supervision).
    pub external_supervisor: String,
    /// Date held, `YYYY-MM-DD`.
    pub held_on: String,
    /// Duration in minutes, as typed.
    pub duration: String,
    /// How they met: asked each time, never assumed (GOV.UK: a radio is
    /// never chosen for the person). Drafts from before hold one. Left out
    /// of a draft until chosen: code from before this, still open in
    /// another tab, reads a missing mode as its default, but not a null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Where.
    pub location: String,
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

impl Default for ContentValues {
    /// A new record's: held today, for an hour; how, not yet chosen.
    fn default() -> Self {
        Self {
            approach: None,
            external_supervisor: String::new(),
            held_on: dates::iso(dates::today()),
            duration: "60".to_owned(),
            mode: None,
            location: String::new(),
            experience: String::new(),
            reflection: String::new(),
            analysis: String::new(),
            action_plan: String::new(),
            notes: String::new(),
            functions: Vec::new(),
        }
    }
}

impl ContentValues {
    /// Reads a text field.
    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::ExternalSupervisor => &self.external_supervisor,
            TextField::HeldOn => &self.held_on,
            TextField::Duration => &self.duration,
            TextField::Location => &self.location,
            TextField::Experience => &self.experience,
            TextField::Reflection => &self.reflection,
            TextField::Analysis => &self.analysis,
            TextField::ActionPlan => &self.action_plan,
            TextField::Notes => &self.notes,
        }
    }

    /// Changes a text field.
    pub fn text_mut(&mut self, field: TextField) -> &mut String {
        match field {
            TextField::ExternalSupervisor => &mut self.external_supervisor,
            TextField::HeldOn => &mut self.held_on,
            TextField::Duration => &mut self.duration,
            TextField::Location => &mut self.location,
            TextField::Experience => &mut self.experience,
            TextField::Reflection => &mut self.reflection,
            TextField::Analysis => &mut self.analysis,
            TextField::ActionPlan => &mut self.action_plan,
            TextField::Notes => &mut self.notes,
        }
    }

    /// The content as sent for a record of `kind`, and a problem for each
    /// date or number typed that cannot be read (under API field names).
    /// Only what the kind has is sent: an approach or external supervisor
    /// left from another kind stays on the form, not in the record.
    pub fn to_content(
        &self,
        kind: SupervisionKind,
        today: NaiveDate,
    ) -> (RecordContent, Vec<FieldError>) {
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
        if self.mode.is_none() {
            errors.push(FieldError::new("mode", MODE_MISSING));
        }
        let content = RecordContent {
            approach: self.approach.filter(|_| kind.has_approach()),
            // Placeholders keep the shared rules running; the errors above
            // already speak for these fields.
            held_on: held_on.unwrap_or(today),
            duration_minutes: duration.unwrap_or(1),
            mode: self.mode.unwrap_or(Mode::FaceToFace),
            location: self.location.trim().to_owned(),
            external_supervisor: kind
                .is_external()
                .then(|| self.external_supervisor.trim().to_owned()),
            experience: self.experience.clone(),
            reflection: self.reflection.clone(),
            analysis: self.analysis.clone(),
            action_plan: self.action_plan.clone(),
            notes: self.notes.clone(),
            functions: self.functions.clone(),
        };
        (content, errors)
    }
}

/// Adds the shared rules' verdict to the problems a form found itself, one
/// message per field: a field whose text could not be read is not also
/// blamed for the placeholder that stood in for it.
pub fn add_rule_errors(errors: &mut Vec<FieldError>, verdict: Result<(), Vec<FieldError>>) {
    for error in verdict.err().unwrap_or_default() {
        if !errors.iter().any(|e| e.field == error.field) {
            errors.push(error);
        }
    }
}

/// A form's state that holds a record's content, so the content fields can
/// edit it wherever the form keeps it.
pub trait HasContent: Send + Sync + 'static {
    /// The content as typed.
    fn content(&self) -> &ContentValues;
    /// The content, to change it.
    fn content_mut(&mut self) -> &mut ContentValues;
}

impl HasContent for ContentValues {
    fn content(&self) -> &ContentValues {
        self
    }

    fn content_mut(&mut self) -> &mut ContentValues {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    #[test]
    fn unreadable_dates_and_durations_are_each_reported_once_under_their_api_names() {
        let typed = ContentValues {
            held_on: "not a date".into(),
            duration: "an hour".into(),
            ..ContentValues::default()
        };
        let (content, mut errors) = typed.to_content(SupervisionKind::LineManagement, today());
        // The placeholders break no rule of their own.
        assert_eq!(content.held_on, today());
        assert_eq!(content.duration_minutes, 1);
        add_rule_errors(
            &mut errors,
            Err(vec![
                FieldError::new("heldOn", "a rule"),
                FieldError::new("notes", "b"),
            ]),
        );
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["heldOn", "durationMinutes", "mode", "notes"]);
        assert_eq!(errors[0].message, "Enter the date the session was held.");
        assert_eq!(errors[2].message, MODE_MISSING);
    }

    #[test]
    fn only_what_the_kind_has_is_sent_and_short_text_is_trimmed() {
        let typed = ContentValues {
            approach: Some(Approach::CaseSupervision),
            external_supervisor: " Dr A. Jones ".into(),
            location: " Team base ".into(),
            ..ContentValues::default()
        };
        let (line, _) = typed.to_content(SupervisionKind::LineManagement, today());
        assert_eq!((line.approach, line.external_supervisor), (None, None));
        assert_eq!(line.location, "Team base");
        let (external, _) = typed.to_content(SupervisionKind::ClinicalExternal, today());
        assert_eq!(external.external_supervisor.as_deref(), Some("Dr A. Jones"));
        let (clinical, _) = typed.to_content(SupervisionKind::ClinicalOneToOne, today());
        assert_eq!(clinical.approach, Some(Approach::CaseSupervision));
    }
}
