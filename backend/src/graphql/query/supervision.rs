//! Reading supervision records.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Object, Result};
use chrono::{Months, NaiveDate};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::loader::prime;
use crate::graphql::object::supervision::Supervision;
use crate::service::supervision::{self as records, ListCursor};

/// Queries about supervision records.
#[derive(Debug, Default)]
pub struct SupervisionQuery;

/// Largest page of records.
const PAGE_MAX: u64 = 100;

#[Object(guard = "SignedIn")]
impl SupervisionQuery {
    /// My own supervisions, as supervisee or recorder, newest first. The
    /// range defaults to the last two years.
    async fn my_supervisions(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Only the records I received, or only those I wrote for others; both when left out."
        )]
        part: Option<MyRecords>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
    ) -> Result<Connection<String, Supervision, EmptyFields, EmptyFields>> {
        let today = ctx.viewer()?.today();
        let to = to.unwrap_or(today);
        let from = from.unwrap_or_else(|| to.checked_sub_months(Months::new(24)).unwrap_or(to));
        let first = u64::try_from(first.clamp(1, PAGE_MAX as i32)).unwrap_or(20);
        let after = after.as_deref().map(ListCursor::decode).transpose()?;
        let page = records::list_mine(
            ctx.db()?,
            ctx.viewer()?,
            part.map(Into::into),
            from,
            to,
            after,
            first,
        )
        .await?;
        prime(ctx, &page.records, Some(page.attendees)).await?;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection
            .edges
            .extend(page.records.into_iter().map(|visible| {
                let cursor = ListCursor {
                    held_on: visible.record.held_on,
                    id: visible.record.id,
                };
                Edge::new(cursor.encode(), Supervision::from(visible))
            }));
        Ok(connection)
    }

    /// Records waiting for me to agree or disagree with them, the longest
    /// waiting first (at most `first`, 50 by default).
    async fn awaiting_my_validation(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
    ) -> Result<Vec<Supervision>> {
        let first = u64::try_from(first.clamp(1, PAGE_MAX as i32)).unwrap_or(50);
        let records = records::awaiting_my_validation(ctx.db()?, ctx.viewer()?, first).await?;
        prime(ctx, &records, None).await?;
        Ok(records.into_iter().map(Supervision::from).collect())
    }

    /// A person's supervision history, for them or for someone who oversees
    /// them: their management chain and senior managers in scope see that
    /// sessions took place, not their content (F7.2). Anyone else: NOT_FOUND.
    async fn staff_supervisions(
        &self,
        ctx: &Context<'_>,
        staff_id: Uuid,
        #[graphql(default = 50)] first: i32,
    ) -> Result<Vec<Supervision>> {
        let first = u64::try_from(first.clamp(1, PAGE_MAX as i32)).unwrap_or(50);
        let records = records::list_for_person(ctx.db()?, ctx.viewer()?, staff_id, first).await?;
        prime(ctx, &records, None).await?;
        Ok(records.into_iter().map(Supervision::from).collect())
    }

    /// The organisation's performance management records, newest first:
    /// HR administrators only (F7.5). Outlines: opening one reads it (and
    /// is audited).
    async fn performance_management_records(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
    ) -> Result<Vec<Supervision>> {
        let first = u64::try_from(first.clamp(1, PAGE_MAX as i32)).unwrap_or(50);
        let records =
            records::performance_management_records(ctx.db()?, ctx.viewer()?, first).await?;
        prime(ctx, &records, None).await?;
        Ok(records.into_iter().map(Supervision::from).collect())
    }

    /// One record. Missing, another organisation's, and not yours to see all
    /// give the same `NOT_FOUND`.
    async fn supervision(&self, ctx: &Context<'_>, id: Uuid) -> Result<Supervision> {
        Ok(records::find_visible(ctx.db()?, ctx.viewer()?, id)
            .await?
            .into())
    }
}

/// Which of my records a list holds.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
pub enum MyRecords {
    /// The supervision I received (my reflections among them).
    Received,
    /// The records I wrote for other people.
    Wrote,
}

impl From<MyRecords> for records::MyPart {
    fn from(part: MyRecords) -> Self {
        match part {
            MyRecords::Received => Self::Received,
            MyRecords::Wrote => Self::Wrote,
        }
    }
}
