//! My own standing per kind of supervision.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::NaiveDate;
use supervision_shared::compliance::end_of_month;
use supervision_shared::{ComplianceCategory, ComplianceStatus};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::service::{compliance, today};

/// Where I stand for one kind of supervision.
#[derive(Debug, Clone, SimpleObject)]
pub struct ComplianceStanding {
    /// Clinical, management or case supervision.
    pub category: ComplianceCategory,
    /// My last formal supervision of this kind.
    pub last: Option<NaiveDate>,
    /// When the next one is due.
    pub next_due: Option<NaiveDate>,
    /// Compliant, due soon, overdue, or never had one.
    pub status: ComplianceStatus,
    /// The date judged at.
    pub as_at: NaiveDate,
}

/// Queries about compliance.
#[derive(Debug, Default)]
pub struct ComplianceQuery;

#[Object(guard = "SignedIn")]
impl ComplianceQuery {
    /// My standing per kind, as at a date (default: the end of this month,
    /// as the supervision dashboard reports).
    async fn my_compliance(
        &self,
        ctx: &Context<'_>,
        as_at: Option<NaiveDate>,
    ) -> Result<Vec<ComplianceStanding>> {
        let as_at = as_at.unwrap_or_else(|| end_of_month(today()));
        let standings = compliance::my_standing(ctx.db()?, ctx.viewer()?, as_at).await?;
        Ok(standings
            .into_iter()
            .map(|s| ComplianceStanding {
                category: s.category,
                last: s.last,
                next_due: s.next_due,
                status: s.status,
                as_at,
            })
            .collect())
    }
}
