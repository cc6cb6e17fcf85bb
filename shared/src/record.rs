//! A supervision record as submitted, and the rules it must meet before it is
//! stored. The browser runs the same checks for instant feedback; the server
//! runs them again because it trusts nothing the browser says.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::content::RecordContent;
use crate::kind::SupervisionKind;
use crate::limits::{
    ACTION_MAX_CHARS, ACTIONS_MAX, DURATION_MAX_MINUTES, SECTION_MAX_CHARS, SHORT_TEXT_MAX_CHARS,
    SUPERVISEES_MAX,
};

/// A problem with one field of a submission, named as the API names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The input field, e.g. `heldOn` or `actions[2].description`.
    pub field: String,
    /// A sentence a person can act on.
    pub message: String,
}

impl FieldError {
    /// A field error with its message.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The standard message for text over its limit.
    pub fn too_long(field: impl Into<String>, max: usize) -> Self {
        Self::new(
            field,
            format!("This is too long: at most {max} characters."),
        )
    }
}

/// One SMART action agreed in the session (F3.6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "ActionInput"))]
pub struct ActionDraft {
    /// What will be done.
    pub description: String,
    /// Who will do it; the first supervisee when not given.
    pub owner_id: Option<Uuid>,
    /// By when.
    pub due_on: Option<NaiveDate>,
}

/// A supervision record as the recorder submits it (F3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "RecordSupervisionInput"))]
pub struct RecordDraft {
    /// Which kind of session.
    pub kind: SupervisionKind,
    /// When, how and where it was held, and what was discussed.
    #[serde(flatten)]
    #[cfg_attr(feature = "server", graphql(flatten))]
    pub content: RecordContent,
    /// Everyone supervised in this session, like the recipients of an email.
    pub supervisee_ids: Vec<Uuid>,
    /// SMART actions agreed.
    #[cfg_attr(feature = "server", graphql(default))]
    pub actions: Vec<ActionDraft>,
    /// Cases discussed (F3.7), each by its pseudonymous reference.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub cases: Vec<crate::case::CaseDraft>,
    /// A key the browser makes once per record it is writing, so that
    /// sending the same record twice (a retry on a poor connection) stores it
    /// once.
    #[serde(default)]
    pub submission_key: Option<Uuid>,
}

/// Said when none of a record's sections has anything in it.
pub const NOTHING_DISCUSSED: &str =
    "Write what was discussed in at least one section, starting with Experience.";

/// Checks a record against every rule that needs no database. `recorder` is
/// the person recording; `today` is the recorder's current date.
pub fn validate_record(
    draft: &RecordDraft,
    recorder: Uuid,
    today: NaiveDate,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let content = &draft.content;

    if content.held_on > today {
        errors.push(FieldError::new(
            "heldOn",
            "The date held cannot be in the future.",
        ));
    }
    if content.duration_minutes == 0 || content.duration_minutes > DURATION_MAX_MINUTES {
        errors.push(FieldError::new(
            "durationMinutes",
            format!("Give the length in minutes, between 1 and {DURATION_MAX_MINUTES}."),
        ));
    }

    check_supervisees(draft, recorder, &mut errors);
    check_approach(draft, &mut errors);

    match (&content.external_supervisor, draft.kind.is_external()) {
        (None, true) => errors.push(FieldError::new(
            "externalSupervisor",
            "Give the external supervisor's name and organisation.",
        )),
        (Some(name), true) if name.trim().is_empty() => errors.push(FieldError::new(
            "externalSupervisor",
            "Give the external supervisor's name and organisation.",
        )),
        (Some(_), false) => errors.push(FieldError::new(
            "externalSupervisor",
            "Only external supervision names an external supervisor.",
        )),
        _ => {}
    }

    let short_fields = [
        ("location", content.location.as_str()),
        (
            "externalSupervisor",
            content.external_supervisor.as_deref().unwrap_or(""),
        ),
    ];
    for (field, text) in short_fields {
        if text.chars().count() > SHORT_TEXT_MAX_CHARS {
            errors.push(FieldError::too_long(field, SHORT_TEXT_MAX_CHARS));
        }
    }
    let sections = [
        ("experience", &content.experience),
        ("reflection", &content.reflection),
        ("analysis", &content.analysis),
        ("actionPlan", &content.action_plan),
        ("notes", &content.notes),
    ];
    for (field, text) in sections {
        if text.chars().count() > SECTION_MAX_CHARS {
            errors.push(FieldError::too_long(field, SECTION_MAX_CHARS));
        }
    }
    // A record says what was discussed: a record of only a date and names
    // is not a record of supervision (issue 17). Cases discussed count.
    if sections.iter().all(|(_, text)| text.trim().is_empty()) && draft.cases.is_empty() {
        errors.push(FieldError::new("experience", NOTHING_DISCUSSED));
    }

    check_actions(draft, recorder, &mut errors);

    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_supervisees(draft: &RecordDraft, recorder: Uuid, errors: &mut Vec<FieldError>) {
    let ids = &draft.supervisee_ids;
    if ids.is_empty() {
        errors.push(FieldError::new(
            "superviseeIds",
            "Choose at least one supervisee.",
        ));
        return;
    }
    if draft.kind == SupervisionKind::PersonalReflection {
        // A personal reflection is the recorder's own, about their own practice.
        if ids != &[recorder] {
            errors.push(FieldError::new(
                "superviseeIds",
                "A personal reflection is your own: record it for yourself only.",
            ));
        }
        return;
    }
    // External clinical supervision comes from outside the organisation, so
    // the person it is about records it themselves.
    let own_external = draft.kind == SupervisionKind::ClinicalExternal && ids == &[recorder];
    if ids.contains(&recorder) && !own_external {
        errors.push(FieldError::new(
            "superviseeIds",
            "You cannot be your own supervisee: record the session for the people you supervised.",
        ));
    }
    errors.extend(listed_twice_or_too_many(ids, "record"));
    if ids.len() > 1 && !draft.kind.allows_group() {
        errors.push(FieldError::new(
            "superviseeIds",
            format!(
                "{} is with one person; choose peer/group supervision for several.",
                draft.kind.label()
            ),
        ));
    }
}

/// A supervisee listed twice, or more than a `what` (a record, a
/// session) can have, as `superviseeIds` errors.
pub(crate) fn listed_twice_or_too_many(ids: &[Uuid], what: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if unique.len() != ids.len() {
        errors.push(FieldError::new(
            "superviseeIds",
            "A supervisee is listed twice.",
        ));
    }
    if ids.len() > SUPERVISEES_MAX {
        errors.push(FieldError::new(
            "superviseeIds",
            format!("A {what} can have at most {SUPERVISEES_MAX} supervisees."),
        ));
    }
    errors
}

fn check_approach(draft: &RecordDraft, errors: &mut Vec<FieldError>) {
    match (draft.content.approach, draft.kind.has_approach()) {
        (None, true) => errors.push(FieldError::new(
            "approach",
            "Choose the approach taken in this session.",
        )),
        (Some(_), false) => errors.push(FieldError::new(
            "approach",
            format!("{} has no approach.", draft.kind.label()),
        )),
        _ => {}
    }
}

fn check_actions(draft: &RecordDraft, recorder: Uuid, errors: &mut Vec<FieldError>) {
    if draft.actions.len() > ACTIONS_MAX {
        errors.push(FieldError::new(
            "actions",
            format!("A record can have at most {ACTIONS_MAX} actions."),
        ));
    }
    for (i, action) in draft.actions.iter().enumerate() {
        let description = action.description.trim();
        if description.is_empty() {
            errors.push(FieldError::new(
                format!("actions[{i}].description"),
                "Describe the action.",
            ));
        } else if description.chars().count() > ACTION_MAX_CHARS {
            errors.push(FieldError::too_long(
                format!("actions[{i}].description"),
                ACTION_MAX_CHARS,
            ));
        }
        if let Some(owner) = action.owner_id
            && owner != recorder
            && !draft.supervisee_ids.contains(&owner)
        {
            errors.push(FieldError::new(
                format!("actions[{i}].ownerId"),
                "An action belongs to someone who was in the session.",
            ));
        }
        if let Some(due) = action.due_on
            && due < draft.content.held_on
        {
            errors.push(FieldError::new(
                format!("actions[{i}].dueOn"),
                "The due date cannot be before the session was held.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::{Approach, Mode, SupervisionFunction};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn draft(kind: SupervisionKind, supervisees: Vec<Uuid>) -> RecordDraft {
        RecordDraft {
            kind,
            content: RecordContent {
                approach: kind
                    .has_approach()
                    .then_some(Approach::StructuredReflection),
                held_on: day(2026, 11, 20),
                duration_minutes: 60,
                mode: Mode::FaceToFace,
                location: String::new(),
                external_supervisor: kind
                    .is_external()
                    .then(|| "Dr A. Jones, Acme Psychology".into()),
                experience: "A difficult home visit".into(),
                reflection: String::new(),
                analysis: String::new(),
                action_plan: String::new(),
                notes: String::new(),
                functions: vec![SupervisionFunction::Supportive],
            },
            supervisee_ids: supervisees,
            actions: vec![],
            cases: vec![],
            submission_key: None,
        }
    }

    fn fields(result: Result<(), Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    const TODAY: fn() -> NaiveDate = || day(2026, 11, 22);

    #[test]
    fn a_record_written_later_than_the_session_is_accepted() {
        let recorder = Uuid::new_v4();
        assert_eq!(
            validate_record(
                &draft(SupervisionKind::ClinicalOneToOne, vec![Uuid::new_v4()]),
                recorder,
                TODAY()
            ),
            Ok(())
        );
    }

    #[test]
    fn a_record_says_what_was_discussed_in_a_section_or_a_case() {
        let mut d = draft(SupervisionKind::ClinicalOneToOne, vec![Uuid::new_v4()]);
        d.content.experience = String::new();
        d.content.reflection = String::new();
        d.content.analysis = " \n ".into();
        d.content.action_plan = String::new();
        d.content.notes = String::new();
        let refused = validate_record(&d, Uuid::new_v4(), TODAY()).err();
        assert_eq!(
            refused
                .as_deref()
                .and_then(|e| e.first())
                .map(|e| (e.field.as_str(), e.message.as_str())),
            Some(("experience", NOTHING_DISCUSSED))
        );
        d.content.notes = "Caseload review".into();
        assert_eq!(validate_record(&d, Uuid::new_v4(), TODAY()), Ok(()));
        d.content.notes = String::new();
        d.cases.push(crate::case::CaseDraft {
            reference: "CN-204518".into(),
            summary: "Reviewed the plan".into(),
            analysis: String::new(),
            decision: String::new(),
            actions: String::new(),
            closed: false,
            worker_id: None,
        });
        assert_eq!(validate_record(&d, Uuid::new_v4(), TODAY()), Ok(()));
    }

    #[test]
    fn the_date_held_cannot_be_in_the_future() {
        let mut d = draft(SupervisionKind::LineManagement, vec![Uuid::new_v4()]);
        d.content.held_on = day(2026, 11, 23);
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec!["heldOn"]
        );
    }

    #[test]
    fn a_record_needs_at_least_one_supervisee() {
        let d = draft(SupervisionKind::ClinicalGroup, vec![]);
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec!["superviseeIds"]
        );
    }

    #[test]
    fn the_recorder_cannot_be_their_own_supervisee() {
        let recorder = Uuid::new_v4();
        let d = draft(
            SupervisionKind::ClinicalGroup,
            vec![recorder, Uuid::new_v4()],
        );
        assert_eq!(
            fields(validate_record(&d, recorder, TODAY())),
            vec!["superviseeIds"]
        );
    }

    #[test]
    fn a_person_records_their_own_external_supervision_alone() {
        let me = Uuid::new_v4();
        let mut own = draft(SupervisionKind::ClinicalExternal, vec![me]);
        own.content.approach = None;
        own.content.external_supervisor = Some("Dr Aled Morgan".into());
        assert_eq!(
            fields(validate_record(&own, me, TODAY())),
            Vec::<String>::new()
        );
        own.supervisee_ids.push(Uuid::new_v4());
        assert_eq!(
            fields(validate_record(&own, me, TODAY())),
            vec!["superviseeIds"]
        );
    }

    #[test]
    fn group_supervision_takes_many_supervisees_like_email_recipients() {
        let d = draft(
            SupervisionKind::ClinicalGroup,
            (0..50).map(|_| Uuid::new_v4()).collect(),
        );
        assert_eq!(validate_record(&d, Uuid::new_v4(), TODAY()), Ok(()));
    }

    #[test]
    fn one_to_one_supervision_is_with_one_person() {
        let d = draft(
            SupervisionKind::ClinicalOneToOne,
            vec![Uuid::new_v4(), Uuid::new_v4()],
        );
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec!["superviseeIds"]
        );
    }

    #[test]
    fn line_management_supervision_has_no_approach() {
        let mut d = draft(SupervisionKind::LineManagement, vec![Uuid::new_v4()]);
        d.content.approach = Some(Approach::CaseSupervision);
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec!["approach"]
        );
    }

    #[test]
    fn one_to_one_clinical_supervision_prompts_for_the_approach() {
        let mut d = draft(SupervisionKind::ClinicalOneToOne, vec![Uuid::new_v4()]);
        d.content.approach = None;
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec!["approach"]
        );
    }

    #[test]
    fn external_supervision_names_the_external_supervisor() {
        let mut d = draft(SupervisionKind::ClinicalExternal, vec![Uuid::new_v4()]);
        d.content.external_supervisor = Some("  ".into());
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec!["externalSupervisor"]
        );
    }

    #[test]
    fn a_personal_reflection_is_recorded_for_yourself_only() {
        let me = Uuid::new_v4();
        assert_eq!(
            validate_record(
                &draft(SupervisionKind::PersonalReflection, vec![me]),
                me,
                TODAY()
            ),
            Ok(())
        );
        let d = draft(SupervisionKind::PersonalReflection, vec![Uuid::new_v4()]);
        assert_eq!(
            fields(validate_record(&d, me, TODAY())),
            vec!["superviseeIds"]
        );
    }

    #[test]
    fn text_over_the_limit_is_refused_by_field() {
        let mut d = draft(SupervisionKind::LineManagement, vec![Uuid::new_v4()]);
        d.content.reflection = "x".repeat(SECTION_MAX_CHARS + 1);
        d.content.location = "y".repeat(SHORT_TEXT_MAX_CHARS + 1);
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec!["location", "reflection"]
        );
    }

    #[test]
    fn an_action_belongs_to_someone_in_the_session_and_is_due_after_it() {
        let supervisee = Uuid::new_v4();
        let mut d = draft(SupervisionKind::LineManagement, vec![supervisee]);
        d.actions = vec![
            ActionDraft {
                description: "Book training".into(),
                owner_id: Some(supervisee),
                due_on: Some(day(2026, 12, 1)),
            },
            ActionDraft {
                description: " ".into(),
                owner_id: Some(Uuid::new_v4()),
                due_on: Some(day(2026, 1, 1)),
            },
        ];
        assert_eq!(
            fields(validate_record(&d, Uuid::new_v4(), TODAY())),
            vec![
                "actions[1].description",
                "actions[1].ownerId",
                "actions[1].dueOn"
            ]
        );
    }
}

/// A free-text section of a record, for redaction (F7.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "RecordSection::parse",
        to_str = "(|v: &RecordSection| v.as_str())"
    )
)]
pub enum RecordSection {
    /// What happened.
    Experience,
    /// Thoughts and feelings.
    Reflection,
    /// What it means.
    Analysis,
    /// What happens next.
    ActionPlan,
    /// Anything else.
    Notes,
}

crate::coded_enum!(RecordSection, "record section", {
    Experience => ("experience", "Experience"),
    Reflection => ("reflection", "Reflection"),
    Analysis => ("analysis", "Analysis"),
    ActionPlan => ("action_plan", "Action plan"),
    Notes => ("notes", "Notes"),
});
