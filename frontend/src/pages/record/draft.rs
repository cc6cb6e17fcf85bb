//! The record form's state: what the person has typed, kept in localStorage
//! so a reload or an expired session loses nothing, and turned into the
//! shared crate's `RecordDraft` (the GraphQL input) when they save.

use chrono::{DateTime, NaiveDate, Utc};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use supervision_shared::case::{CaseDraft, ReferenceFormat, check_cases};
use supervision_shared::record::ActionDraft;
use supervision_shared::{FieldError, RecordDraft, SupervisionKind, validate_record};
use uuid::Uuid;

use crate::api::staff::StaffSummary;
use crate::components::record_content::{ContentValues, HasContent, add_rule_errors};
use crate::dates;

/// One action row as typed (dates and owner still text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct ActionRow {
    /// Stable identity for the row while others are added and removed.
    pub key: u64,
    /// What will be done.
    pub description: String,
    /// The owner's id, or empty for the default (the first supervisee).
    pub owner: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_on: String,
}

/// One case discussed, as typed (F3.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct CaseRow {
    /// Stable identity for the block while others are added and removed.
    pub key: u64,
    /// The pseudonymous case reference.
    pub reference: String,
    /// What the case is about now.
    pub summary: String,
    /// Risks, evidence, what it means.
    pub analysis: String,
    /// The decision reached.
    pub decision: String,
    /// Actions for the case.
    pub actions: String,
    /// Closed or transferred at this discussion.
    pub closed: bool,
    /// Whose case it is, when the record has several supervisees (drafts
    /// stored before it was asked read as none).
    pub worker_id: Option<Uuid>,
}

/// Everything typed into the record form, as stored between visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StoredForm {
    /// Kind of supervision.
    pub kind: SupervisionKind,
    /// When, how and where, and what was discussed. Flattened: a saved
    /// draft keeps these fields at its top level, as drafts saved before
    /// they were gathered here do, so those still load.
    #[serde(flatten)]
    pub content: ContentValues,
    /// Who was supervised (names kept so chips show without a lookup).
    pub supervisees: Vec<StaffSummary>,
    /// External clinical supervision the recorder received themselves
    /// (drafts stored before it was asked read as not; left out when not,
    /// so other drafts are written back as they were).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub for_myself: bool,
    /// Agreed actions.
    pub actions: Vec<ActionRow>,
    /// The key the next new action row gets.
    pub next_action_key: u64,
    /// Cases discussed.
    pub cases: Vec<CaseRow>,
    /// The key the next new case block gets.
    pub next_case_key: u64,
    /// Made once when this record is started and sent with every attempt to
    /// save it, so a retry after a lost answer never stores it twice. It is
    /// kept with the draft so a reload or a new sign-in resends the same one.
    pub submission_key: Uuid,
    /// When this form was last saved as a draft on the server, as the
    /// server said: a copy on this device based on that save (and changed
    /// since) is newer than it; one based on an older save is not.
    pub server_saved_at: Option<DateTime<Utc>>,
}

impl Default for StoredForm {
    fn default() -> Self {
        Self {
            kind: SupervisionKind::ClinicalOneToOne,
            content: ContentValues::default(),
            supervisees: Vec::new(),
            for_myself: false,
            actions: Vec::new(),
            next_action_key: 0,
            cases: Vec::new(),
            next_case_key: 0,
            submission_key: Uuid::new_v4(),
            server_saved_at: None,
        }
    }
}

impl HasContent for StoredForm {
    fn content(&self) -> &ContentValues {
        &self.content
    }

    fn content_mut(&mut self) -> &mut ContentValues {
        &mut self.content
    }
}

/// The order fields appear on the page, so the error summary lists problems
/// top to bottom.
const FIELD_ORDER: &[&str] = &[
    "kind",
    "approach",
    "externalSupervisor",
    "heldOn",
    "durationMinutes",
    "mode",
    "location",
    "superviseeIds",
    "experience",
    "reflection",
    "analysis",
    "actionPlan",
    "notes",
    "functions",
    "cases",
    "actions",
];

/// Sorts errors into page order; action rows by their index.
pub fn sort_errors(errors: &mut [FieldError]) {
    errors.sort_by_key(|e| {
        let base = e.field.split(['[', '.']).next().unwrap_or("");
        let position = FIELD_ORDER
            .iter()
            .position(|f| *f == base)
            .unwrap_or(FIELD_ORDER.len());
        let row: usize = e
            .field
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .and_then(|(n, _)| n.parse().ok())
            .unwrap_or(0);
        (position, row)
    });
}

impl StoredForm {
    /// Whether both hold the same answers, whatever their submission keys
    /// and server saves: a form nobody has typed into is not worth keeping
    /// or restoring.
    pub fn same_answers(&self, other: &Self) -> bool {
        *self
            == Self {
                submission_key: self.submission_key,
                server_saved_at: self.server_saved_at,
                ..other.clone()
            }
    }

    /// A record the recorder keeps about themselves: a personal reflection
    /// always, external clinical supervision when they received it.
    pub fn is_own_record(&self) -> bool {
        self.kind == SupervisionKind::PersonalReflection
            || (self.kind == SupervisionKind::ClinicalExternal && self.for_myself)
    }

    /// `blank` with a new submission key: the form for the next record,
    /// after one is saved or when someone starts again.
    pub fn started_again(blank: &Self) -> Self {
        Self {
            submission_key: Uuid::new_v4(),
            server_saved_at: None,
            ..blank.clone()
        }
    }

    /// Adds an empty action row and returns its key.
    pub fn add_action(&mut self) -> u64 {
        let key = self.next_action_key;
        self.next_action_key += 1;
        self.actions.push(ActionRow {
            key,
            ..ActionRow::default()
        });
        key
    }

    /// Forgets whose case a case is where that person is no longer one of
    /// the supervisees; whether anything changed.
    pub fn drop_departed_workers(&mut self, supervisees: &[Uuid]) -> bool {
        let mut changed = false;
        for row in &mut self.cases {
            if row.worker_id.is_some_and(|w| !supervisees.contains(&w)) {
                row.worker_id = None;
                changed = true;
            }
        }
        changed
    }

    /// Adds an empty case block and returns its key.
    pub fn add_case(&mut self) -> u64 {
        let key = self.next_case_key;
        self.next_case_key += 1;
        self.cases.push(CaseRow {
            key,
            ..CaseRow::default()
        });
        key
    }

    /// The cases as sent, and the problems the browser can find with them.
    /// Whether a reference has the organisation's shape is the server's to
    /// say (organisations configure their own numbering); an empty one is
    /// caught here.
    fn cases_to_send(&self) -> (Vec<CaseDraft>, Vec<FieldError>) {
        let supervisees: Vec<Uuid> = self.supervisees.iter().map(|s| s.id).collect();
        let cases: Vec<CaseDraft> = self
            .cases
            .iter()
            .map(|row| CaseDraft {
                reference: row.reference.trim().to_owned(),
                summary: row.summary.clone(),
                analysis: row.analysis.clone(),
                decision: row.decision.clone(),
                actions: row.actions.clone(),
                closed: row.closed,
                // With one supervisee the case is theirs, whatever an
                // earlier choice in a group said.
                worker_id: match supervisees.as_slice() {
                    [only] => Some(*only),
                    _ => row.worker_id,
                },
            })
            .collect();
        let mut errors: Vec<FieldError> = cases
            .iter()
            .enumerate()
            .filter(|(_, case)| case.reference.is_empty())
            .map(|(i, _)| {
                FieldError::new(
                    format!("cases[{i}].reference"),
                    "Enter the case number, for example CN-204518. Never use a name.",
                )
            })
            .collect();
        // The shared rules' length, count and whose-case checks; their
        // verdict on the reference's shape is dropped, since the
        // organisation's own format may differ from the default the
        // browser knows.
        errors.extend(
            check_cases(&cases, &ReferenceFormat::default(), &supervisees)
                .into_iter()
                .filter(|e| !e.field.ends_with(".reference")),
        );
        (cases, errors)
    }

    /// Builds the GraphQL input, running every rule the browser can check
    /// (the shared `validate_record`, plus that typed dates and numbers parse).
    pub fn to_draft(
        &self,
        recorder: Uuid,
        today: NaiveDate,
    ) -> Result<RecordDraft, Vec<FieldError>> {
        let (content, mut errors) = self.content.to_content(self.kind, today);
        let mut actions = Vec::with_capacity(self.actions.len());
        for (i, row) in self.actions.iter().enumerate() {
            let due_on = if row.due_on.trim().is_empty() {
                None
            } else {
                let parsed = dates::parse_iso(&row.due_on);
                if parsed.is_none() {
                    errors.push(FieldError::new(
                        format!("actions[{i}].dueOn"),
                        "Enter a real due date, or leave it empty.",
                    ));
                }
                parsed
            };
            actions.push(ActionDraft {
                description: row.description.trim().to_owned(),
                owner_id: Uuid::parse_str(&row.owner).ok(),
                due_on,
            });
        }
        let (cases, case_errors) = self.cases_to_send();
        errors.extend(case_errors);
        let draft = RecordDraft {
            kind: self.kind,
            content,
            supervisee_ids: if self.is_own_record() {
                vec![recorder]
            } else {
                self.supervisees.iter().map(|s| s.id).collect()
            },
            actions,
            cases,
            submission_key: Some(self.submission_key),
        };
        add_rule_errors(&mut errors, validate_record(&draft, recorder, today));
        if errors.is_empty() {
            Ok(draft)
        } else {
            sort_errors(&mut errors);
            Err(errors)
        }
    }
}

/// What every draft's localStorage key starts with.
const DRAFT_PREFIX: &str = "supervision.draft:";

/// Where a person's unsent form for a route is kept. The person is part of
/// the key so that on a shared computer, after a time-out, someone else
/// signing in at the same address never sees what the last person typed.
pub fn storage_key(person: Uuid, route: &str) -> String {
    format!("{DRAFT_PREFIX}{person}:{route}")
}

/// Whether a stored key holds one of this person's drafts.
fn is_draft_of(key: &str, person: Uuid) -> bool {
    key.strip_prefix(DRAFT_PREFIX)
        .and_then(|rest| rest.strip_prefix(person.to_string().as_str()))
        .is_some_and(|rest| rest.starts_with(':'))
}

/// Whether a stored key holds a draft from before drafts were kept per
/// person: nobody can say whose it is, so it is never shown.
fn is_unowned_draft(key: &str) -> bool {
    key.strip_prefix(DRAFT_PREFIX)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Forgets every draft of this person's, and any draft nobody owns; on
/// signing out, so nothing they typed stays on a shared computer.
pub fn clear_all_of(person: Uuid) {
    remove_keys_where(|key| is_draft_of(key, person) || is_unowned_draft(key));
}

/// Forgets every copy this person keeps on this device of the record with
/// this submission key (under `/record` and under `/record?draft=…`), once
/// it is submitted or its draft discarded.
pub fn forget_record(person: Uuid, submission_key: Uuid) {
    remove_keys_where(|key| {
        is_draft_of(key, person) && load(key).is_some_and(|f| f.submission_key == submission_key)
    });
}

/// Forgets drafts saved before they were kept per person.
pub fn clear_unowned() {
    remove_keys_where(is_unowned_draft);
}

fn remove_keys_where(matches: impl Fn(&str) -> bool) {
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    // Collected first: removing while walking the keys would skip some.
    let doomed: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| matches(key))
        .collect();
    for key in doomed {
        let _ = storage.remove_item(&key);
    }
}

/// The unsent form saved for this route, if any (unreadable ones are dropped).
pub fn load(key: &str) -> Option<StoredForm> {
    LocalStorage::get(key).ok()
}

/// Keeps the form for next time. Failure (storage full or disabled) is not
/// worth interrupting someone over: the form still works.
pub fn save(key: &str, form: &StoredForm) {
    let _ = LocalStorage::set(key, form);
}

/// Forgets the saved form, once the record is safely on the server.
pub fn clear(key: &str) {
    LocalStorage::delete(key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use supervision_shared::{Approach, Mode, RecordContent, SupervisionFunction};

    fn person() -> StaffSummary {
        StaffSummary {
            id: Uuid::from_u128(1),
            name: "Sam".into(),
            job_title: String::new(),
            team_name: String::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    /// A form's content that meets every rule: held on the 20th, with
    /// something written about it.
    fn held_on_the_20th() -> ContentValues {
        ContentValues {
            held_on: "2026-11-20".into(),
            experience: "A home visit".into(),
            mode: Some(Mode::FaceToFace),
            ..ContentValues::default()
        }
    }

    #[test]
    fn drafts_are_kept_per_person_so_the_next_person_at_a_shared_computer_never_sees_them() {
        let priya = Uuid::from_u128(7);
        let owen = Uuid::from_u128(8);
        let key = storage_key(priya, "/record?supervisee=1");
        assert_eq!(
            key,
            "supervision.draft:00000000-0000-0000-0000-000000000007:/record?supervisee=1"
        );
        assert_ne!(key, storage_key(owen, "/record?supervisee=1"));
        assert!(is_draft_of(&key, priya));
        assert!(!is_draft_of(&key, owen));
        assert!(!is_draft_of("supervision.lastActivity", priya));
        assert!(!is_unowned_draft(&key));
        assert!(is_unowned_draft("supervision.draft:/record"));
    }

    #[test]
    fn a_record_keeps_its_submission_key_while_stored_and_gets_a_new_one_when_cleared() {
        let form = StoredForm {
            kind: SupervisionKind::LineManagement,
            content: ContentValues {
                experience: "Started before the connection dropped".into(),
                ..held_on_the_20th()
            },
            supervisees: vec![person()],
            ..StoredForm::default()
        };
        // localStorage keeps the form as this JSON.
        let stored = serde_json::to_string(&form).unwrap_or_default();
        let restored: Option<StoredForm> = serde_json::from_str(&stored).ok();
        assert_eq!(restored.as_ref(), Some(&form));
        let sent = restored.and_then(|r| r.to_draft(Uuid::from_u128(2), today()).ok());
        assert_eq!(
            sent.and_then(|d| d.submission_key),
            Some(form.submission_key)
        );

        let blank = StoredForm::default();
        let next = StoredForm::started_again(&blank);
        assert_ne!(next.submission_key, form.submission_key);
        assert_ne!(next.submission_key, blank.submission_key);
        assert!(next.same_answers(&blank));
        assert!(!form.same_answers(&blank));
    }

    #[test]
    fn a_reflection_and_ones_own_external_supervision_are_recorded_for_oneself() {
        let mut form = StoredForm {
            kind: SupervisionKind::PersonalReflection,
            ..StoredForm::default()
        };
        assert!(form.is_own_record());
        form.kind = SupervisionKind::ClinicalExternal;
        assert!(!form.is_own_record());
        form.for_myself = true;
        assert!(form.is_own_record());
        let old: Option<StoredForm> = serde_json::from_str(r#"{"kind":"CLINICAL_EXTERNAL"}"#).ok();
        assert!(old.is_some_and(|f| !f.for_myself));
    }

    #[test]
    fn a_draft_stored_before_submission_keys_gets_one_when_read() {
        let old: Option<StoredForm> = serde_json::from_str(r#"{"experience":"Older"}"#).ok();
        assert!(old.is_some_and(|f| !f.submission_key.is_nil() && f.content.experience == "Older"));
    }

    #[test]
    fn a_hidden_approach_is_not_sent_for_a_kind_without_one() {
        let form = StoredForm {
            kind: SupervisionKind::LineManagement,
            content: ContentValues {
                approach: Some(Approach::CaseSupervision),
                ..held_on_the_20th()
            },
            supervisees: vec![person()],
            ..StoredForm::default()
        };
        let draft = form.to_draft(Uuid::from_u128(2), today());
        assert!(matches!(
            draft,
            Ok(RecordDraft {
                content: RecordContent {
                    approach: None,
                    external_supervisor: None,
                    ..
                },
                ..
            })
        ));
    }

    #[test]
    fn unreadable_dates_and_durations_are_reported_once_each_in_page_order() {
        let form = StoredForm {
            kind: SupervisionKind::LineManagement,
            content: ContentValues {
                held_on: String::new(),
                duration: "an hour".into(),
                ..ContentValues::default()
            },
            ..StoredForm::default()
        };
        let fields: Vec<String> = form
            .to_draft(Uuid::from_u128(2), today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                "heldOn",
                "durationMinutes",
                "mode",
                "superviseeIds",
                "experience"
            ]
        );
    }

    #[test]
    fn cases_are_sent_by_reference_and_one_without_a_number_is_caught_before_sending() {
        let mut form = StoredForm {
            kind: SupervisionKind::CaseSupervision,
            content: held_on_the_20th(),
            supervisees: vec![person()],
            ..StoredForm::default()
        };
        form.add_case();
        form.add_case();
        form.cases[0].reference = " CN-204518 ".into();
        form.cases[0].decision = "Refer to tissue viability".into();
        form.cases[0].closed = true;
        let fields: Vec<String> = form
            .to_draft(Uuid::from_u128(2), today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["cases[1].reference"]);

        // A name is for the server to refuse, by the organisation's format.
        form.cases[1].reference = "Mrs Jones".into();
        let Ok(draft) = form.to_draft(Uuid::from_u128(2), today()) else {
            panic!("the browser leaves the reference's format to the server")
        };
        let json = serde_json::to_value(&draft).unwrap_or_default();
        assert_eq!(json["cases"][0]["reference"], "CN-204518");
        assert_eq!(json["cases"][0]["decision"], "Refer to tissue viability");
        assert_eq!(json["cases"][0]["closed"], true);
        assert_eq!(json["cases"][1]["reference"], "Mrs Jones");
    }

    #[test]
    fn a_draft_stored_before_cases_reads_with_none() {
        let old: Option<StoredForm> =
            serde_json::from_str(r#"{"experience":"Older","actions":[]}"#).ok();
        assert!(old.is_some_and(|f| f.cases.is_empty() && f.next_case_key == 0));
    }

    #[test]
    fn a_case_in_a_group_record_must_say_whose_it_is_before_sending() {
        let aisha = StaffSummary {
            id: Uuid::from_u128(3),
            name: "Aisha".into(),
            job_title: String::new(),
            team_name: String::new(),
        };
        let mut form = StoredForm {
            kind: SupervisionKind::ClinicalGroup,
            content: ContentValues {
                approach: Some(Approach::StructuredReflection),
                functions: vec![SupervisionFunction::Supportive],
                ..held_on_the_20th()
            },
            supervisees: vec![person(), aisha.clone()],
            ..StoredForm::default()
        };
        form.add_case();
        form.cases[0].reference = "CN-204518".into();
        let errors = form
            .to_draft(Uuid::from_u128(2), today())
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["cases[0].workerId"]);
        assert_eq!(
            errors[0].message,
            "Say whose case this is: choose one of the supervisees."
        );

        form.cases[0].worker_id = Some(aisha.id);
        let Ok(draft) = form.to_draft(Uuid::from_u128(2), today()) else {
            panic!("a member is named")
        };
        let json = serde_json::to_value(&draft).unwrap_or_default();
        assert_eq!(json["cases"][0]["workerId"], aisha.id.to_string());

        // Aisha leaves the record: the choice goes with her, and with one
        // supervisee left the case is theirs without asking.
        form.supervisees.retain(|s| s.id != aisha.id);
        assert!(form.drop_departed_workers(&[person().id]));
        assert_eq!(form.cases[0].worker_id, None);
        assert!(!form.drop_departed_workers(&[person().id]));
        let Ok(draft) = form.to_draft(Uuid::from_u128(2), today()) else {
            panic!("one supervisee: theirs")
        };
        assert_eq!(draft.cases[0].worker_id, Some(person().id));
    }

    #[test]
    fn a_case_stored_before_whose_case_was_asked_reads_with_none() {
        let old: Option<StoredForm> = serde_json::from_str(
            r#"{"cases":[{"key":0,"reference":"CN-204518","closed":true}],"nextCaseKey":1}"#,
        )
        .ok();
        let case = old.and_then(|f| f.cases.first().cloned());
        assert!(case.is_some_and(|c| c.worker_id.is_none() && c.closed));
    }

    #[test]
    fn case_errors_are_listed_where_the_cases_are_on_the_page() {
        let mut errors = vec![
            FieldError::new("actions[0].description", "a"),
            FieldError::new("cases[1].reference", "b"),
            FieldError::new("cases[0].reference", "c"),
            FieldError::new("functions", "d"),
        ];
        sort_errors(&mut errors);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "functions",
                "cases[0].reference",
                "cases[1].reference",
                "actions[0].description"
            ]
        );
    }

    #[test]
    fn the_draft_serialises_to_the_graphql_input_shape() {
        let mut form = StoredForm {
            kind: SupervisionKind::LineManagement,
            content: held_on_the_20th(),
            supervisees: vec![person()],
            ..StoredForm::default()
        };
        form.add_action();
        form.actions[0].description = "Book training".into();
        let Ok(draft) = form.to_draft(Uuid::from_u128(2), today()) else {
            panic!("valid form")
        };
        let json = serde_json::to_value(&draft).unwrap_or_default();
        assert_eq!(json["kind"], "LINE_MANAGEMENT");
        assert_eq!(json["heldOn"], "2026-11-20");
        assert_eq!(json["durationMinutes"], 60);
        assert_eq!(json["actions"][0]["description"], "Book training");
    }
    /// A whole draft exactly as the form wrote it before a record's content
    /// was gathered into `ContentValues`; browsers and the server still
    /// hold drafts like it.
    const DRAFT_BEFORE_CONTENT_VALUES: &str = r#"{"kind":"CLINICAL_EXTERNAL","approach":"STRUCTURED_REFLECTION","externalSupervisor":"Dr A. Jones, Acme Psychology","heldOn":"2026-11-20","duration":"45","mode":"VIDEO","location":"Team base","supervisees":[{"id":"00000000-0000-0000-0000-000000000003","name":"Aisha Khan","jobTitle":"Nurse","teamName":"District"}],"experience":"What happened","reflection":"How it felt","analysis":"What it means","actionPlan":"What next","notes":"Anything else","functions":["SUPPORTIVE","MEDIATION"],"actions":[{"key":0,"description":"Book training","owner":"","dueOn":"2026-12-01"}],"nextActionKey":1,"cases":[{"key":0,"reference":"CN-204518","summary":"","analysis":"","decision":"","actions":"","closed":false,"workerId":null}],"nextCaseKey":1,"submissionKey":"00000000-0000-0000-0000-000000000009","serverSavedAt":"2026-11-21T09:00:00Z"}"#;

    #[test]
    fn a_draft_saved_before_the_content_was_gathered_reads_whole_and_is_written_back_alike() {
        let Ok(old) = serde_json::from_str::<StoredForm>(DRAFT_BEFORE_CONTENT_VALUES) else {
            panic!("an old draft must still load")
        };
        assert_eq!(
            old.content,
            ContentValues {
                approach: Some(Approach::StructuredReflection),
                external_supervisor: "Dr A. Jones, Acme Psychology".into(),
                held_on: "2026-11-20".into(),
                duration: "45".into(),
                mode: Some(Mode::Video),
                location: "Team base".into(),
                experience: "What happened".into(),
                reflection: "How it felt".into(),
                analysis: "What it means".into(),
                action_plan: "What next".into(),
                notes: "Anything else".into(),
                functions: vec![
                    SupervisionFunction::Supportive,
                    SupervisionFunction::Mediation
                ],
            }
        );
        assert_eq!(old.kind, SupervisionKind::ClinicalExternal);
        assert_eq!(old.supervisees[0].name, "Aisha Khan");
        assert_eq!(old.actions[0].due_on, "2026-12-01");
        assert_eq!(old.cases[0].reference, "CN-204518");
        assert_eq!(old.submission_key, Uuid::from_u128(9));
        assert!(old.server_saved_at.is_some());
        // Written back, it has the same shape: a draft saved now still
        // loads in a browser that has not yet fetched the new code.
        let before: serde_json::Value =
            serde_json::from_str(DRAFT_BEFORE_CONTENT_VALUES).unwrap_or_default();
        assert_eq!(serde_json::to_value(&old).unwrap_or_default(), before);
    }

    #[test]
    fn a_draft_missing_content_fields_reads_them_as_a_new_form_has_them() {
        let Ok(old) = serde_json::from_str::<StoredForm>(r#"{"kind":"LINE_MANAGEMENT"}"#) else {
            panic!("a partial draft must still load")
        };
        assert_eq!(old.content.duration, "60");
        assert_eq!(
            old.content.mode, None,
            "how it was held is asked, not assumed"
        );
        assert!(dates::parse_iso(&old.content.held_on).is_some());
        let written = serde_json::to_value(&old).unwrap_or_default();
        assert!(written.get("mode").is_none(), "{written}");
    }
}
