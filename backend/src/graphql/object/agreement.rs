//! A supervision agreement as the API shows it (F6). Who it is between, its
//! dates and frequency are readable by anyone the service let know of it;
//! what the pair agreed carries the `AgreementContentReader` guard.

use std::sync::Arc;

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::entity::agreement;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::AgreementContentReader;
use crate::graphql::object::allocation::AllocationKind;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::access::{self, AgreementAccess};
use crate::service::agreement::{self as service, AgreementStatus};

/// One section of an agreement: the organisation's heading and what the
/// pair wrote under it.
#[derive(Debug, Clone, SimpleObject)]
pub struct AgreementSection {
    /// The heading's key.
    pub key: String,
    /// The heading.
    pub heading: String,
    /// What they agreed.
    pub text: String,
}

/// A supervision agreement.
#[derive(Debug, Clone)]
pub struct Agreement {
    row: agreement::Model,
    access: AgreementAccess,
    /// Set once a read of its content under a grant is logged: once per
    /// agreement per answer, and only when content is asked for (its
    /// outline reads nothing).
    read_logged: Arc<OnceCell<()>>,
}

impl From<(agreement::Model, AgreementAccess)> for Agreement {
    fn from((row, access): (agreement::Model, AgreementAccess)) -> Self {
        Self {
            row,
            access,
            read_logged: Arc::default(),
        }
    }
}

impl Agreement {
    /// Called by each content field after its guard: a read under a grant
    /// is logged (F7.3) before any content is returned.
    async fn content_read(&self, ctx: &Context<'_>) -> Result<()> {
        if let AgreementAccess::Granted { grant_id } = self.access {
            self.read_logged
                .get_or_try_init(|| async {
                    access::log_agreement_read(ctx.db()?, ctx.viewer()?, grant_id, &self.row)
                        .await
                        .map_err(async_graphql::Error::from)
                })
                .await?;
        }
        Ok(())
    }
}

#[Object]
impl Agreement {
    /// Its id.
    async fn id(&self) -> Uuid {
        self.row.id
    }

    /// Which supervision it is for: with the line manager or the clinical
    /// supervisor.
    async fn kind(&self) -> Result<AllocationKind> {
        Ok(service::relationship_of(&self.row)?.into())
    }

    /// The supervisee.
    async fn supervisee(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.row.supervisee_id).await
    }

    /// The supervisor.
    async fn supervisor(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.row.supervisor_id).await
    }

    /// Days between formal supervisions, as agreed (the supervisee's policy
    /// once both have signed).
    async fn frequency_days(&self) -> i32 {
        self.row.frequency_days
    }

    /// Why this frequency, when less often than the organisation's.
    #[graphql(guard = "AgreementContentReader(self.access)")]
    async fn frequency_reason(&self, ctx: &Context<'_>) -> Result<&str> {
        self.content_read(ctx).await?;
        Ok(&self.row.frequency_reason)
    }

    /// Usual length of a session, in minutes.
    #[graphql(guard = "AgreementContentReader(self.access)")]
    async fn duration_minutes(&self, ctx: &Context<'_>) -> Result<i32> {
        self.content_read(ctx).await?;
        Ok(self.row.duration_minutes)
    }

    /// Usual venue.
    #[graphql(guard = "AgreementContentReader(self.access)")]
    async fn venue(&self, ctx: &Context<'_>) -> Result<&str> {
        self.content_read(ctx).await?;
        Ok(&self.row.venue)
    }

    /// What the pair agreed, under the organisation's headings in order.
    #[graphql(guard = "AgreementContentReader(self.access)")]
    async fn sections(&self, ctx: &Context<'_>) -> Result<Vec<AgreementSection>> {
        self.content_read(ctx).await?;
        let headings = service::headings::headings_of(ctx.db()?, self.row.organisation_id).await?;
        let written = service::sections_of(&self.row)?;
        Ok(written
            .into_iter()
            .map(|(key, text)| AgreementSection {
                heading: headings
                    .iter()
                    .find(|h| h.key == key)
                    .map_or_else(|| key.clone(), |h| h.heading.clone()),
                key,
                text,
            })
            .collect())
    }

    /// The first day it applies.
    async fn starts_on(&self) -> NaiveDate {
        self.row.starts_on
    }

    /// When it is reviewed.
    async fn review_by(&self) -> NaiveDate {
        self.row.review_by
    }

    /// Where it is in its life.
    async fn status(&self) -> AgreementStatus {
        service::status_of(&self.row)
    }

    /// When the supervisor signed it.
    async fn supervisor_signed_at(&self) -> Option<DateTime<Utc>> {
        self.row.supervisor_signed_at
    }

    /// When the supervisee signed it.
    async fn supervisee_signed_at(&self) -> Option<DateTime<Utc>> {
        self.row.supervisee_signed_at
    }

    /// When the second signature put it in force.
    async fn in_force_at(&self) -> Option<DateTime<Utc>> {
        self.row.in_force_at
    }

    /// Its last day, once a newer one replaced it.
    async fn ended_on(&self) -> Option<NaiveDate> {
        self.row.ended_on
    }

    /// The frequency agreed is less often than the organisation's and waits
    /// for a head of service; until then the organisation's applies.
    async fn awaiting_approval(&self, ctx: &Context<'_>) -> Result<bool> {
        let Some(rule_id) = self.row.policy_rule_id else {
            return Ok(false);
        };
        use sea_orm::EntityTrait;
        let db = ctx.db()?;
        let Some(rule) = crate::entity::policy_rule::Entity::find_by_id(rule_id)
            .one(db)
            .await?
        else {
            return Ok(false);
        };
        Ok(crate::service::compliance::policy::awaits_approval(db, &rule).await?)
    }

    /// The viewer is its supervisor or supervisee.
    async fn viewer_is_party(&self) -> bool {
        matches!(self.access, AgreementAccess::Party { .. })
    }

    /// The viewer may read what it says: a party, or someone who opened it
    /// for a stated purpose (that read is logged and shown to the
    /// supervisee). False in lists for anyone but its parties.
    async fn viewer_reads_content(&self) -> bool {
        matches!(
            self.access,
            AgreementAccess::Party { .. } | AgreementAccess::Granted { .. }
        )
    }

    /// The viewer may sign it now: a party who has not signed, before it is
    /// in force.
    async fn can_sign(&self) -> bool {
        let AgreementAccess::Party { supervisee } = self.access else {
            return false;
        };
        let signed = if supervisee {
            self.row.supervisee_signed_at.is_some()
        } else {
            self.row.supervisor_signed_at.is_some()
        };
        !signed && self.row.in_force_at.is_none() && self.row.ended_on.is_none()
    }
}
