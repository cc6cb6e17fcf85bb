//! A supervision record as the API shows it. Metadata (kind, date, attendees
//! and their validation) is readable by anyone the service layer let see the
//! record; every field with content carries the `ContentReader` guard.

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::kind::counts_as_formal;
use supervision_shared::{Approach, Mode, SupervisionFunction, SupervisionKind, ValidationState};
use uuid::Uuid;

use crate::entity::supervision_attendee;
use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::ContentReader;
use crate::graphql::loader::{ActionLoader, AttendeeLoader, Batched};
use crate::graphql::object::action::Action;
use crate::graphql::object::amendment::RecordVersion;
use crate::graphql::object::attachment::Attachment;
use crate::graphql::object::case::CaseDiscussion;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::access::RecordAccess;
use crate::service::action::ActionInContext;
use crate::service::supervision::VisibleRecord;

/// A supervision record.
#[derive(Debug, Clone)]
pub struct Supervision {
    record: crate::entity::supervision::Model,
    access: RecordAccess,
}

impl From<VisibleRecord> for Supervision {
    fn from(visible: VisibleRecord) -> Self {
        Self {
            record: visible.record,
            access: visible.access,
        }
    }
}

impl Supervision {
    async fn attendee_rows(&self, ctx: &Context<'_>) -> Result<Vec<supervision_attendee::Model>> {
        let loader = ctx.data::<Batched<AttendeeLoader>>()?;
        Ok(loader
            .load_one(self.record.id)
            .await
            .map_err(|e| (*e).clone())?
            .unwrap_or_default())
    }
}

#[Object]
impl Supervision {
    /// Record id.
    async fn id(&self) -> Uuid {
        self.record.id
    }

    /// Kind of supervision.
    async fn kind(&self) -> SupervisionKind {
        self.record.kind
    }

    /// Approach, for one-to-one and group clinical supervision.
    async fn approach(&self) -> Option<Approach> {
        self.record.approach
    }

    /// The day the session took place.
    async fn held_on(&self) -> NaiveDate {
        self.record.held_on
    }

    /// When the record was entered.
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.record.recorded_at
    }

    /// Length in minutes.
    async fn duration_minutes(&self) -> i32 {
        self.record.duration_minutes
    }

    /// Face to face, video or phone.
    async fn mode(&self) -> Mode {
        self.record.mode
    }

    /// Where it took place.
    async fn location(&self) -> &str {
        &self.record.location
    }

    /// For external supervision: the external supervisor.
    async fn external_supervisor(&self) -> Option<&str> {
        self.record.external_supervisor.as_deref()
    }

    /// Whether it counts as formal supervision (F5.3).
    async fn counts_as_formal(&self) -> bool {
        counts_as_formal(self.record.kind, self.record.approach)
    }

    /// Who recorded it.
    async fn recorded_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.record.recorded_by).await
    }

    /// The supervisees and where each stands on validation.
    async fn attendees(&self, ctx: &Context<'_>) -> Result<Vec<Attendee>> {
        Ok(self
            .attendee_rows(ctx)
            .await?
            .into_iter()
            .map(|row| Attendee(row, self.access))
            .collect())
    }

    /// The viewer's own place on the record, when they are a supervisee.
    async fn my_validation(&self, ctx: &Context<'_>) -> Result<Option<Attendee>> {
        let me = ctx.viewer()?.staff_id;
        Ok(self
            .attendee_rows(ctx)
            .await?
            .into_iter()
            .find(|a| a.supervisee_id == me)
            .map(|row| Attendee(row, self.access)))
    }

    /// Requests to redact a section of this record and their decisions,
    /// oldest first: for the people who take part in it (the supervisees
    /// and the recorder); empty for anyone else.
    async fn redaction_requests(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::graphql::object::redaction::RedactionRequest>> {
        if !self.access.is_participant() {
            return Ok(Vec::new());
        }
        Ok(crate::service::redaction::requests_on(
            ctx.db()?,
            self.record.organisation_id,
            self.record.id,
        )
        .await?
        .into_iter()
        .map(|row| crate::graphql::object::redaction::RedactionRequest::new(row, None))
        .collect())
    }

    /// Sections redacted on request: which and when.
    async fn redactions(&self, ctx: &Context<'_>) -> Result<Vec<Redaction>> {
        let rows = crate::service::redaction::redactions_of(
            ctx.db()?,
            self.record.organisation_id,
            self.record.id,
        )
        .await?;
        Ok(rows.into_iter().map(Redaction::from).collect())
    }

    /// 1 as first saved; one more with each amendment (F4.4).
    async fn version(&self) -> i32 {
        self.record.version
    }

    /// Shared with the supervisees more than 10 working days after the
    /// session (F4.3), as the compliance reports count it.
    async fn shared_late(&self) -> bool {
        self.record.shared_late
    }

    /// Whether a request to remove it is waiting for a decision (F4.5).
    async fn removal_pending(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(crate::service::removal::pending_for(
            ctx.db()?,
            self.record.organisation_id,
            self.record.id,
        )
        .await?
        .is_some())
    }

    /// Earlier versions, newest first: what each said, who changed it, when
    /// and why, and how it had been validated (F4.4).
    #[graphql(guard = "ContentReader(self.access)")]
    async fn amendments(&self, ctx: &Context<'_>) -> Result<Vec<RecordVersion>> {
        Ok(crate::service::amendment::versions_of(
            ctx.db()?,
            self.record.organisation_id,
            self.record.id,
        )
        .await?
        .into_iter()
        .map(RecordVersion::from)
        .collect())
    }

    /// How the viewer sees this record.
    async fn viewer_access(&self) -> crate::graphql::object::access::RecordAccess {
        self.access.into()
    }

    /// The viewer's own personal notes on this record: only ever theirs,
    /// never another member's (F3.4).
    async fn my_personal_notes(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let me = ctx.viewer()?.staff_id;
        Ok(self
            .attendee_rows(ctx)
            .await?
            .into_iter()
            .find(|a| a.supervisee_id == me)
            .and_then(|a| a.personal_notes))
    }

    /// Whether the viewer has shared their personal notes with the
    /// session's facilitator.
    async fn my_personal_notes_shared(&self, ctx: &Context<'_>) -> Result<bool> {
        let me = ctx.viewer()?.staff_id;
        Ok(self
            .attendee_rows(ctx)
            .await?
            .iter()
            .any(|a| a.supervisee_id == me && a.personal_notes_shared))
    }

    /// Personal notes members have shared with me, the session's
    /// facilitator (F3.4); empty for anyone else.
    async fn notes_shared_with_me(&self, ctx: &Context<'_>) -> Result<Vec<SharedNotes>> {
        let rows = self.attendee_rows(ctx).await?;
        Ok(
            crate::service::supervision::notes_shared_with(self.access, rows)
                .into_iter()
                .map(SharedNotes)
                .collect(),
        )
    }

    /// Whether the viewer may validate (they are a supervisee on it).
    async fn can_validate(&self) -> bool {
        self.access.is_supervisee()
    }

    /// Experience: what happened.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn experience(&self) -> &str {
        &self.record.experience
    }

    /// Reflection.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn reflection(&self) -> &str {
        &self.record.reflection
    }

    /// Analysis.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn analysis(&self) -> &str {
        &self.record.analysis
    }

    /// Action plan.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn action_plan(&self) -> &str {
        &self.record.action_plan
    }

    /// Free notes.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn notes(&self) -> &str {
        &self.record.notes
    }

    /// Functions of supervision covered.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn functions(&self) -> Result<Vec<SupervisionFunction>> {
        SupervisionFunction::split(&self.record.functions)
            .map_err(|e| AppError::Internal(e.into()).into())
    }

    /// Cases discussed, each by its pseudonymous reference (F3.7).
    #[graphql(guard = "ContentReader(self.access)")]
    async fn cases(&self, ctx: &Context<'_>) -> Result<Vec<CaseDiscussion>> {
        let rows =
            crate::service::case::of_record(ctx.db()?, self.record.organisation_id, self.record.id)
                .await?;
        Ok(rows.into_iter().map(CaseDiscussion).collect())
    }

    /// Documents and images attached (F3.8); download each from its
    /// `downloadUrl`.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn attachments(&self, ctx: &Context<'_>) -> Result<Vec<Attachment>> {
        let rows = crate::service::attachment::of_record(
            ctx.db()?,
            self.record.organisation_id,
            self.record.id,
        )
        .await?;
        Ok(rows.into_iter().map(Attachment).collect())
    }

    /// What dip-sample audits found of this record, newest round first
    /// (F8.1): for the supervisor who wrote it to learn from, and for its
    /// supervisees to see it was looked at.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn audit_feedback(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::graphql::object::quality::AuditFeedback>> {
        let found = crate::service::quality::score::feedback(
            ctx.db()?,
            self.record.organisation_id,
            self.record.id,
        )
        .await?;
        Ok(found
            .into_iter()
            .map(crate::graphql::object::quality::AuditFeedback)
            .collect())
    }

    /// Appraisal (PDR) objectives its development discussion worked on
    /// (F8.4): only those the reader may read themselves (their own, or of
    /// someone they supervise), never a group colleague's.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn objectives(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::graphql::object::objective::AppraisalObjective>> {
        let rows =
            crate::service::objective::linked_to(ctx.db()?, ctx.viewer()?, self.record.id).await?;
        Ok(rows
            .into_iter()
            .map(crate::graphql::object::objective::AppraisalObjective)
            .collect())
    }

    /// Supervisees' comments, oldest first (F4.2).
    #[graphql(guard = "ContentReader(self.access)")]
    async fn comments(&self, ctx: &Context<'_>) -> Result<Vec<Comment>> {
        let rows = crate::service::supervision::comments_of(
            ctx.db()?,
            self.record.organisation_id,
            self.record.id,
        )
        .await?;
        Ok(rows.into_iter().map(Comment).collect())
    }

    /// Actions agreed.
    #[graphql(guard = "ContentReader(self.access)")]
    async fn actions(&self, ctx: &Context<'_>) -> Result<Vec<Action>> {
        let loader = ctx.data::<Batched<ActionLoader>>()?;
        let rows = loader
            .load_one(self.record.id)
            .await
            .map_err(|e| (*e).clone())?
            .unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|action| {
                Action(ActionInContext {
                    action,
                    held_on: self.record.held_on,
                })
            })
            .collect())
    }
}

/// A supervisee on a record and their validation of it.
#[derive(Debug, Clone)]
pub struct Attendee(supervision_attendee::Model, RecordAccess);

#[Object]
impl Attendee {
    /// The supervisee.
    async fn supervisee(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.supervisee_id).await
    }

    /// Awaiting, agreed or disagreed.
    async fn validation_state(&self) -> ValidationState {
        self.0.validation_state
    }

    /// When they validated: the time stamp of the e-signature.
    async fn validated_at(&self) -> Option<DateTime<Utc>> {
        self.0.validated_at
    }

    /// Their comment, or their own account when they disagree.
    #[graphql(guard = "ContentReader(self.1)")]
    async fn comment(&self) -> Option<&str> {
        self.0.supervisee_comment.as_deref()
    }
}

/// A member's personal notes, shared with the facilitator by their choice.
pub struct SharedNotes(supervision_attendee::Model);

#[Object]
impl SharedNotes {
    /// The member who wrote them.
    async fn supervisee(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.supervisee_id).await
    }

    /// What they wrote.
    async fn notes(&self) -> &str {
        self.0.personal_notes.as_deref().unwrap_or_default()
    }
}

/// A section redacted on request (F7.4): that it happened and when; never
/// the text.
#[derive(Debug, Clone, async_graphql::SimpleObject)]
pub struct Redaction {
    /// Redaction id (a system administrator recovers the text by it).
    pub id: Uuid,
    /// Which section.
    pub section: supervision_shared::RecordSection,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
}

impl From<crate::entity::redaction::Model> for Redaction {
    fn from(row: crate::entity::redaction::Model) -> Self {
        Self {
            id: row.id,
            section: row.section,
            decided_at: row.decided_at,
        }
    }
}

/// A supervisee's comment on the record.
#[derive(Debug, Clone)]
pub struct Comment(crate::entity::supervision_comment::Model);

#[Object]
impl Comment {
    /// Comment id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Who wrote it.
    async fn author(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.author_id).await
    }

    /// What they wrote.
    async fn body(&self) -> &str {
        &self.0.body
    }

    /// When.
    async fn written_at(&self) -> DateTime<Utc> {
        self.0.written_at
    }
}
