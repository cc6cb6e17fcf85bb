//! A SMART action as the API shows it (F3.6). Actions are content: they are
//! reached only through a record the viewer may read, or through the
//! viewer's own action lists.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::action::ActionStatus;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::action::{ActionInContext, history_of};

/// A SMART action.
#[derive(Debug, Clone)]
pub struct Action(pub ActionInContext);

#[Object]
impl Action {
    /// Action id.
    async fn id(&self) -> Uuid {
        self.0.action.id
    }

    /// The supervision it was agreed in.
    async fn supervision_id(&self) -> Uuid {
        self.0.action.supervision_id
    }

    /// The day that supervision was held.
    async fn agreed_on(&self) -> NaiveDate {
        self.0.held_on
    }

    /// What will be done.
    async fn description(&self) -> &str {
        &self.0.action.description
    }

    /// Who will do it.
    async fn owner(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.action.owner_id).await
    }

    /// By when.
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.action.due_on
    }

    /// Open, done or dropped.
    async fn status(&self) -> ActionStatus {
        self.0.action.status
    }

    /// The title of the audit round whose finding it is; none for an
    /// action agreed in the session.
    async fn raised_in_audit(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let Some(round) = self.0.action.audit_round_id else {
            return Ok(None);
        };
        Ok(
            crate::service::quality::round::title(ctx.db()?, self.0.action.organisation_id, round)
                .await?,
        )
    }

    /// Open with its due date passed.
    async fn overdue(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.0.is_overdue(ctx.viewer()?.today()))
    }

    /// Every change since it was agreed, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<ActionChangeRecord>> {
        let viewer = ctx.viewer()?;
        let mut rows = history_of(ctx.db()?, viewer.organisation_id, &[self.0.action.id]).await?;
        let rows = rows.remove(&self.0.action.id).unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|r| ActionChangeRecord {
                changed_by_id: r.changed_by,
                changed_at: r.changed_at,
                from_status: r.from_status,
                to_status: r.to_status,
                from_due_on: r.from_due_on,
                to_due_on: r.to_due_on,
                note: r.note,
            })
            .collect())
    }
}

/// One change to an action.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct ActionChangeRecord {
    #[graphql(skip)]
    changed_by_id: Uuid,
    /// When.
    changed_at: DateTime<Utc>,
    /// Status before.
    from_status: ActionStatus,
    /// Status after.
    to_status: ActionStatus,
    /// Due date before.
    from_due_on: Option<NaiveDate>,
    /// Due date after.
    to_due_on: Option<NaiveDate>,
    /// Why, if given.
    note: String,
}

#[async_graphql::ComplexObject]
impl ActionChangeRecord {
    /// Who changed it.
    async fn changed_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.changed_by_id).await
    }
}
