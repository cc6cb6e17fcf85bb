//! The signed-in person.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{NaiveDate, Utc};
use supervision_shared::Role;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::graphql::context::ContextExt;
use crate::service::{clock, directory};

/// The signed-in person as the API shows them. What the request already
/// knows (id, name, roles, zone) costs nothing; the rest is read only when
/// asked, so a page asking only for the name adds no query.
#[derive(Debug, Clone)]
pub struct Me(pub Viewer);

/// The organisation's day as the server judges it.
#[derive(Debug, Clone, SimpleObject)]
pub struct Today {
    /// The date.
    pub date: NaiveDate,
    /// Seconds until it ends, at the organisation's next midnight: counted
    /// from the answer, not given as an instant, so a browser whose clock
    /// is wrong still knows when the day turns.
    pub seconds_left: i64,
}

/// Who is signed in, and what they may do.
#[Object]
impl Me {
    /// Staff id.
    async fn id(&self) -> Uuid {
        self.0.staff_id
    }

    /// Full name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Job title.
    async fn job_title(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(directory::own_record(ctx.db()?, &self.0).await?.job_title)
    }

    /// Their organisation.
    async fn organisation_name(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(directory::organisation_name(ctx.db()?, &self.0).await?)
    }

    /// Every role they hold today.
    async fn roles(&self) -> &[Role] {
        &self.0.roles
    }

    /// Their organisation's time zone (IANA name): the one "today" is
    /// judged in, e.g. whether a session's date is in the future.
    async fn time_zone(&self) -> &str {
        self.0.time_zone.name()
    }

    /// Today in their organisation's time zone, and how long it has left.
    /// Both come from one reading of the clock, so the date is always the
    /// one that ends then.
    async fn today(&self) -> Today {
        let now = Utc::now();
        Today {
            date: clock::today_in(self.0.time_zone, now),
            seconds_left: (clock::day_ends_at(self.0.time_zone, now) - now).num_seconds(),
        }
    }

    /// Whether they have a line manager or clinical supervisor today, so
    /// are themselves supervised: their home page shows their own
    /// supervision's standing only then.
    async fn supervised(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(directory::is_supervised(ctx.db()?, &self.0).await?)
    }
}
