//! Supervision records: the caller's list, one record, recording and
//! validating. Amending and removal are in [`super::amendment`] and [`super::removal`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::{
    Approach, Mode, RecordDraft, SupervisionFunction, SupervisionKind, ValidationDecision,
    ValidationState,
};
use uuid::Uuid;

use super::amendment::RecordVersion;
use super::attachment::Attachment;
use super::case::CaseDiscussion;
use super::comment::Comment;
use super::redaction::Redaction;
use super::staff::StaffSummary;
use super::{ApiError, ErrorCode, graphql};

/// One row of the caller's list of supervisions.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionSummary {
    /// The record's id.
    pub id: Uuid,
    /// What kind of session it was.
    pub kind: SupervisionKind,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Who wrote the record.
    pub recorded_by: StaffSummary,
    /// The caller's own validation, when they were supervised in it.
    pub my_validation: Option<ValidationSummary>,
    /// Who was supervised, with their validations (in the lists of
    /// records the caller wrote).
    #[serde(default)]
    pub attendees: Vec<AttendeeSummary>,
}

/// Who was supervised and where their validation stands, for lists.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendeeSummary {
    /// The supervisee.
    pub supervisee: StaffSummary,
    /// Awaiting, agreed or disagreed.
    pub validation_state: ValidationState,
}

/// Which of the caller's records a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MyPart {
    /// The supervision they received (their reflections among them).
    Received,
    /// The records they wrote for other people.
    Wrote,
}

impl MyPart {
    /// As the API spells it.
    fn as_api(self) -> &'static str {
        match self {
            Self::Received => "RECEIVED",
            Self::Wrote => "WROTE",
        }
    }
}

/// Just the state of a validation, for lists.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationSummary {
    /// Awaiting, agreed or disagreed.
    pub validation_state: ValidationState,
}

/// One page of the caller's supervisions.
#[derive(Debug, Clone, PartialEq)]
pub struct SupervisionPage {
    /// The records, newest first.
    pub records: Vec<SupervisionSummary>,
    /// The cursor to ask for the next page with, when there is one.
    pub next_cursor: Option<String>,
}

/// A supervisee's place on a record, with their validation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    /// Who was supervised.
    pub supervisee: StaffSummary,
    /// Where their validation stands.
    pub validation_state: ValidationState,
    /// When they validated.
    pub validated_at: Option<DateTime<Utc>>,
    /// What they said (always present for a disagreement).
    pub comment: Option<String>,
}

/// An action agreed in the session.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// The action's id.
    pub id: Uuid,
    /// What will be done.
    pub description: String,
    /// Who will do it.
    pub owner: StaffSummary,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// Its progress, as the server words it.
    pub status: String,
    /// Open with its due date passed.
    #[serde(default)]
    pub overdue: bool,
}

/// How the viewer sees a record, as the server decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecordAccess {
    /// The recorder or a supervisee.
    Participant,
    /// The supervisee's supervisor or line manager today, who holds the
    /// file the record belongs in (it came to them with the person).
    FileHolder,
    /// HR, on a performance management record.
    HumanResources,
    /// Opened for a stated purpose; every read is logged.
    Granted,
    /// Knows the session took place; may not read what was discussed.
    MetadataOnly,
}

/// A whole supervision record.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Supervision {
    /// The record's id.
    pub id: Uuid,
    /// What kind of session it was.
    pub kind: SupervisionKind,
    /// How a clinical session was conducted.
    pub approach: Option<Approach>,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// When it was written.
    pub recorded_at: DateTime<Utc>,
    /// Length in minutes.
    pub duration_minutes: u32,
    /// Face to face, video or phone.
    pub mode: Mode,
    /// Where it took place.
    pub location: String,
    /// Who supervised, for external supervision.
    pub external_supervisor: Option<String>,
    /// Whether it counts towards the required frequency.
    pub counts_as_formal: bool,
    /// Who wrote the record.
    pub recorded_by: StaffSummary,
    /// Everyone supervised, with their validations.
    pub attendees: Vec<Attendee>,
    /// The caller's own row, when they were supervised.
    pub my_validation: Option<Attendee>,
    /// Sections redacted on request: which and when, never the text.
    #[serde(default)]
    pub redactions: Vec<Redaction>,
    /// Requests to redact a section and their decisions (for the people
    /// who take part in the record; empty for anyone else).
    #[serde(default)]
    pub redaction_requests: Vec<crate::api::redaction::RedactionRequest>,
    /// 1 as first saved; one more with each amendment.
    pub version: u32,
    /// Shared with the supervisees more than 10 working days after the
    /// session.
    pub shared_late: bool,
    /// A request to remove it is waiting for a system administrator.
    pub removal_pending: bool,
    /// How the caller sees it.
    pub viewer_access: RecordAccess,
    /// The caller's own personal notes, which nobody else can read.
    #[serde(default)]
    pub my_personal_notes: Option<String>,
    /// Whether the caller has shared those notes with the facilitator.
    #[serde(default)]
    pub my_personal_notes_shared: bool,
    /// Members' notes shared with the caller, the session's facilitator.
    #[serde(default)]
    pub notes_shared_with_me: Vec<SharedNotes>,
    /// Whether the caller may validate (or re-validate) it.
    pub can_validate: bool,
    /// The content, or `None` when the caller may see only the outline.
    #[serde(flatten)]
    pub content: Option<SupervisionContent>,
}

/// A member's personal notes, shared with the facilitator by their choice.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SharedNotes {
    /// The member who wrote them.
    pub supervisee: StaffSummary,
    /// What they wrote.
    pub notes: String,
}

/// What was discussed: readable by the recorder and the supervisees only.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionContent {
    /// What happened.
    pub experience: String,
    /// Thoughts and feelings about it.
    pub reflection: String,
    /// What it means.
    pub analysis: String,
    /// What will happen next.
    pub action_plan: String,
    /// Anything else.
    pub notes: String,
    /// The functions of supervision covered.
    pub functions: Vec<SupervisionFunction>,
    /// Actions agreed.
    pub actions: Vec<Action>,
    /// Earlier versions, newest first (empty until it is amended).
    #[serde(default)]
    pub amendments: Vec<RecordVersion>,
    /// Cases discussed, each by its pseudonymous reference.
    #[serde(default)]
    pub cases: Vec<CaseDiscussion>,
    /// Files attached, oldest first.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Supervisees' comments, oldest first.
    #[serde(default)]
    pub comments: Vec<Comment>,
    /// What dip-sample audits found of the record, newest round first.
    #[serde(default)]
    pub audit_feedback: Vec<super::quality::Feedback>,
}

/// Everything about a record that anyone allowed to see it may read.
/// Attendees' comments are content, so they are asked for only with it.
macro_rules! outline_fields {
    () => {
        "id kind approach heldOn recordedAt durationMinutes mode location externalSupervisor \
         countsAsFormal version sharedLate removalPending viewerAccess \
         recordedBy { id name jobTitle teamName } \
         attendees { supervisee { id name jobTitle teamName } validationState validatedAt } \
         myValidation { supervisee { id name jobTitle teamName } validationState validatedAt } \
         redactions { id section decidedAt } myPersonalNotes canValidate \
         myPersonalNotesShared notesSharedWithMe { supervisee { id name jobTitle teamName } notes } \
         redactionRequests { id supervisionId section requestedBy { id name jobTitle teamName } \
           requestedAt reason status decidedBy { id name jobTitle teamName } decisionNote }"
    };
}

/// The whole record: the outline's fields with attendees' comments, and
/// what was discussed, now and in each earlier version.
macro_rules! record_fields {
    () => {
        "id kind approach heldOn recordedAt durationMinutes mode location externalSupervisor \
         countsAsFormal version sharedLate removalPending viewerAccess \
         recordedBy { id name jobTitle teamName } \
         attendees { supervisee { id name jobTitle teamName } validationState validatedAt comment } \
         myValidation { supervisee { id name jobTitle teamName } validationState validatedAt comment } \
         redactions { id section decidedAt } myPersonalNotes canValidate \
         myPersonalNotesShared notesSharedWithMe { supervisee { id name jobTitle teamName } notes } \
         redactionRequests { id supervisionId section requestedBy { id name jobTitle teamName } \
           requestedAt reason status decidedBy { id name jobTitle teamName } decisionNote } \
         experience reflection analysis actionPlan notes functions \
         actions { id description owner { id name jobTitle teamName } dueOn status overdue } \
         cases { reference summary analysis decision actions closed \
           worker { id name jobTitle teamName } } \
         attachments { id fileName contentType sizeBytes downloadUrl \
           uploadedBy { id name jobTitle teamName } uploadedAt } \
         comments { id author { id name jobTitle teamName } body writtenAt } \
         auditFeedback { roundTitle scoredAt scoredBy { id name jobTitle teamName } \
           scores { standard { key text } rating comment } } \
         amendments { version changedBy { id name jobTitle teamName } changedAt reason \
           changedFields heldOn durationMinutes location experience reflection analysis \
           actionPlan notes validations { supervisee { id name jobTitle teamName } \
           validationState validatedAt comment } }"
    };
}

const MY_SUPERVISIONS: &str = "query MySupervisions($part: MyRecords, $from: NaiveDate, $first: Int, \
    $after: String) { \
    mySupervisions(part: $part, from: $from, first: $first, after: $after) { \
      nodes { id kind heldOn recordedBy { id name jobTitle teamName } myValidation { validationState } \
        attendees { supervisee { id name jobTitle teamName } validationState } } \
      pageInfo { hasNextPage endCursor } } }";

const AWAITING_MY_VALIDATION: &str = "query AwaitingMyValidation { awaitingMyValidation { \
    id kind heldOn recordedBy { id name jobTitle teamName } myValidation { validationState } } }";

const SUPERVISION: &str = concat!(
    "query Supervision($id: UUID!) { supervision(id: $id) { ",
    record_fields!(),
    " } }"
);

const SUPERVISION_OUTLINE: &str = concat!(
    "query SupervisionOutline($id: UUID!) { supervision(id: $id) { ",
    outline_fields!(),
    " } }"
);

const RECORD_SUPERVISION: &str = "mutation RecordSupervision($input: RecordSupervisionInput!) { \
     recordSupervision(input: $input) { id } }";

const VALIDATE_SUPERVISION: &str = concat!(
    "mutation ValidateSupervision($id: UUID!, $decision: ValidationDecision!, $comment: String!) { \
     validateSupervision(id: $id, decision: $decision, comment: $comment) { ",
    record_fields!(),
    " } }"
);

const NOTE_PRINTED: &str = "mutation NotePrinted($id: UUID!) { notePrinted(id: $id) }";

const SAVE_PERSONAL_NOTES: &str = "mutation SavePersonalNotes($id: UUID!, $notes: String!, $share: Boolean!) { \
     savePersonalNotes(id: $id, notes: $notes, shareWithFacilitator: $share) { \
     id myPersonalNotes myPersonalNotesShared } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MySupervisionsData {
    my_supervisions: Connection,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AwaitingData {
    awaiting_my_validation: Vec<SupervisionSummary>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Connection {
    nodes: Vec<SupervisionSummary>,
    page_info: PageInfo,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_next_page: bool,
    end_cursor: Option<String>,
}

#[derive(Deserialize)]
struct SupervisionData {
    supervision: Supervision,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecordData {
    record_supervision: RecordedId,
}

#[derive(Deserialize)]
struct RecordedId {
    id: Uuid,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ValidateData {
    validate_supervision: Supervision,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SavePersonalNotesData {
    save_personal_notes: SavedNotes,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SavedNotes {
    my_personal_notes: Option<String>,
    my_personal_notes_shared: bool,
}

/// Fetches a page of the caller's own supervisions held on or after `from`.
pub async fn my_supervisions(
    part: MyPart,
    from: NaiveDate,
    first: u32,
    after: Option<String>,
) -> Result<SupervisionPage, ApiError> {
    let data: MySupervisionsData = graphql(
        MY_SUPERVISIONS,
        serde_json::json!({ "part": part.as_api(), "from": from, "first": first, "after": after }),
    )
    .await?;
    let connection = data.my_supervisions;
    Ok(SupervisionPage {
        records: connection.nodes,
        next_cursor: connection
            .page_info
            .end_cursor
            .filter(|_| connection.page_info.has_next_page),
    })
}

/// The records waiting for the caller to agree or disagree with them, the
/// longest waiting first.
pub async fn awaiting_my_validation() -> Result<Vec<SupervisionSummary>, ApiError> {
    let data: AwaitingData = graphql(AWAITING_MY_VALIDATION, serde_json::json!({})).await?;
    Ok(data.awaiting_my_validation)
}

/// Fetches one record. Someone who may see that a record exists but not what
/// was discussed (the server answers `FORBIDDEN` for its content) gets the
/// outline, with `content` left empty.
pub async fn supervision(id: Uuid) -> Result<Supervision, ApiError> {
    let variables = serde_json::json!({ "id": id });
    match graphql::<_, SupervisionData>(SUPERVISION, &variables).await {
        Ok(data) => Ok(data.supervision),
        Err(err) if err.code == ErrorCode::Forbidden => {
            let data: SupervisionData = graphql(SUPERVISION_OUTLINE, &variables).await?;
            Ok(data.supervision)
        }
        Err(err) => Err(err),
    }
}

/// Saves a new record and returns its id.
pub async fn record_supervision(draft: &RecordDraft) -> Result<Uuid, ApiError> {
    let data: RecordData =
        graphql(RECORD_SUPERVISION, serde_json::json!({ "input": draft })).await?;
    Ok(data.record_supervision.id)
}

/// Records the caller's agreement or disagreement, returning the updated record.
pub async fn validate_supervision(
    id: Uuid,
    decision: ValidationDecision,
    comment: &str,
) -> Result<Supervision, ApiError> {
    let data: ValidateData = graphql(
        VALIDATE_SUPERVISION,
        serde_json::json!({ "id": id, "decision": decision, "comment": comment }),
    )
    .await?;
    Ok(data.validate_supervision)
}

/// Tells the server the caller is printing a record (audited, F9.4).
pub async fn note_printed(id: Uuid) -> Result<(), ApiError> {
    let _: serde::de::IgnoredAny = graphql(NOTE_PRINTED, serde_json::json!({ "id": id })).await?;
    Ok(())
}

/// Saves the caller's own notes on a record they attended, and whether the
/// facilitator may read them, returning both as stored (the notes trimmed;
/// `None` once cleared).
pub async fn save_personal_notes(
    id: Uuid,
    notes: &str,
    share: bool,
) -> Result<(Option<String>, bool), ApiError> {
    let data: SavePersonalNotesData = graphql(
        SAVE_PERSONAL_NOTES,
        serde_json::json!({ "id": id, "notes": notes, "share": share }),
    )
    .await?;
    let saved = data.save_personal_notes;
    Ok((saved.my_personal_notes, saved.my_personal_notes_shared))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_with_or_without_its_content() {
        let json = r#"{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11","kind":"LINE_MANAGEMENT","approach":null,
          "heldOn":"2026-11-20","recordedAt":"2026-11-21T09:00:00Z","durationMinutes":60,"mode":"VIDEO",
          "location":"","externalSupervisor":null,"countsAsFormal":true,"version":1,"sharedLate":false,
          "removalPending":false,"viewerAccess":"METADATA_ONLY",
          "recordedBy":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b12","name":"A","jobTitle":"B","teamName":"C"},
          "attendees":[],"myValidation":null,"canValidate":false}"#;
        let parsed: Result<Supervision, _> = serde_json::from_str(json);
        assert!(matches!(
            parsed,
            Ok(Supervision {
                content: None,
                viewer_access: RecordAccess::MetadataOnly,
                ..
            })
        ));

        let with_content = json.replacen(
            "\"canValidate\":false",
            "\"canValidate\":false,\"experience\":\"E\",\"reflection\":\"\",\"analysis\":\"\",\
             \"actionPlan\":\"\",\"notes\":\"\",\"functions\":[\"SUPPORTIVE\"],\"actions\":[]",
            1,
        );
        let parsed: Result<Supervision, _> = serde_json::from_str(&with_content);
        let content = parsed.ok().and_then(|s| s.content);
        assert_eq!(
            content.map(|c| (c.experience, c.functions)),
            Some(("E".to_owned(), vec![SupervisionFunction::Supportive]))
        );

        let amended = with_content.replacen(
            "\"actions\":[]",
            "\"actions\":[],\"amendments\":[{\"version\":1,\
             \"changedBy\":{\"id\":\"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b12\",\"name\":\"A\"},\
             \"changedAt\":\"2026-11-22T09:00:00Z\",\"reason\":\"Wrong date\",\"changedFields\":[\"heldOn\"],\
             \"heldOn\":\"2026-11-19\",\"durationMinutes\":60,\"location\":\"\",\"experience\":\"Old\",\
             \"reflection\":\"\",\"analysis\":\"\",\"actionPlan\":\"\",\"notes\":\"\",\"validations\":[]}]",
            1,
        );
        let parsed: Result<Supervision, _> = serde_json::from_str(&amended);
        let versions = parsed.ok().and_then(|s| s.content).map(|c| c.amendments);
        assert_eq!(
            versions.map(|v| v
                .iter()
                .map(|v| (v.version, v.changed_fields.clone()))
                .collect()),
            Some(vec![(1, vec!["heldOn".to_owned()])])
        );
    }

    #[test]
    fn personal_notes_and_redactions_are_read_with_the_record() {
        let json = r#"{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11","kind":"LINE_MANAGEMENT","approach":null,
          "heldOn":"2026-11-20","recordedAt":"2026-11-21T09:00:00Z","durationMinutes":60,"mode":"VIDEO",
          "location":"","externalSupervisor":null,"countsAsFormal":true,"version":2,"sharedLate":true,
          "removalPending":false,"viewerAccess":"PARTICIPANT",
          "recordedBy":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b12","name":"A","jobTitle":"B","teamName":"C"},
          "attendees":[],"myValidation":null,"canValidate":true,"myPersonalNotes":"Mine alone",
          "redactions":[{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b13","section":"REFLECTION","decidedAt":"2026-11-22T10:00:00Z"}]}"#;
        let parsed: Result<Supervision, _> = serde_json::from_str(json);
        let Ok(record) = parsed else {
            panic!("the example record should parse");
        };
        assert_eq!(record.my_personal_notes.as_deref(), Some("Mine alone"));
        assert_eq!(
            record
                .redactions
                .iter()
                .map(|r| r.section)
                .collect::<Vec<_>>(),
            vec![supervision_shared::RecordSection::Reflection]
        );
    }
}
