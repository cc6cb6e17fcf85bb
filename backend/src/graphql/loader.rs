//! Per-request batch loaders, so a list of records costs a fixed number of
//! queries rather than one or more per record. Each is bound to the viewer's
//! organisation, so a batch can never reach into another tenant.
//!
//! Batching by time alone (the loader waits a moment for more keys) splits
//! a long list into several batches on a busy machine, so list resolvers
//! also `prime` the loaders: one query per relation for the whole page,
//! whatever its length. The loaders' caches live for one request only.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::entity::{supervision_action, supervision_attendee};
use crate::error::AppError;
use crate::service::directory::{self, StaffCard};
use crate::service::supervision;

/// Loads staff cards (name, job title, team) by id.
#[derive(Debug)]
pub struct StaffCardLoader {
    /// Database pool.
    pub db: DatabaseConnection,
    /// The viewer's organisation.
    pub organisation_id: Uuid,
}

impl Loader<Uuid> for StaffCardLoader {
    type Value = StaffCard;
    type Error = Arc<async_graphql::Error>;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, StaffCard>, Self::Error> {
        directory::cards(&self.db, self.organisation_id, keys)
            .await
            .map_err(|e: AppError| Arc::new(e.into()))
    }
}

/// Loads the attendees of records by record id.
#[derive(Debug)]
pub struct AttendeeLoader {
    /// Database pool.
    pub db: DatabaseConnection,
    /// The viewer's organisation.
    pub organisation_id: Uuid,
}

impl Loader<Uuid> for AttendeeLoader {
    type Value = Vec<supervision_attendee::Model>;
    type Error = Arc<async_graphql::Error>;

    async fn load(
        &self,
        keys: &[Uuid],
    ) -> Result<HashMap<Uuid, Vec<supervision_attendee::Model>>, Self::Error> {
        supervision::attendees_of(&self.db, self.organisation_id, keys)
            .await
            .map_err(|e: AppError| Arc::new(e.into()))
    }
}

/// Loads the actions of records by record id.
#[derive(Debug)]
pub struct ActionLoader {
    /// Database pool.
    pub db: DatabaseConnection,
    /// The viewer's organisation.
    pub organisation_id: Uuid,
}

impl Loader<Uuid> for ActionLoader {
    type Value = Vec<supervision_action::Model>;
    type Error = Arc<async_graphql::Error>;

    async fn load(
        &self,
        keys: &[Uuid],
    ) -> Result<HashMap<Uuid, Vec<supervision_action::Model>>, Self::Error> {
        supervision::actions_of_records(&self.db, self.organisation_id, keys)
            .await
            .map_err(|e: AppError| Arc::new(e.into()))
    }
}

/// A loader with a per-request cache, as the request context holds it.
pub type Batched<T> = DataLoader<T, HashMapCache>;

/// A per-request loader with its cache.
pub fn batched<T: Send + Sync + 'static>(loader: T) -> Batched<T> {
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

/// Loads, in one query per relation, everything a list of records shows
/// (attendees, unless the caller has them already; actions of records
/// whose content the viewer may read, when the list asks for them; and the
/// people on them) and feeds it to the request's loaders.
pub async fn prime(
    ctx: &async_graphql::Context<'_>,
    records: &[supervision::VisibleRecord],
    attendees: Option<HashMap<Uuid, Vec<supervision_attendee::Model>>>,
) -> Result<(), AppError> {
    use crate::graphql::context::ContextExt;
    if records.is_empty() {
        return Ok(());
    }
    let db = ctx.db()?;
    let organisation_id = ctx.viewer()?.organisation_id;
    let loaded = |e: async_graphql::Error| AppError::Internal(anyhow::anyhow!(e.message));
    let ids: Vec<Uuid> = records.iter().map(|r| r.record.id).collect();
    // A list that shows no actions (the home page's) is spared reading
    // them; one field asking for them would load them all the same, by the
    // loader.
    let readable: Vec<Uuid> = if lists(ctx, "actions") {
        records
            .iter()
            .filter(|r| r.access.may_read_content())
            .map(|r| r.record.id)
            .collect()
    } else {
        Vec::new()
    };
    let mut attendees = match attendees {
        Some(known) => known,
        None => supervision::attendees_of(db, organisation_id, &ids).await?,
    };
    let mut actions = supervision::actions_of_records(db, organisation_id, &readable).await?;
    let mut people: Vec<Uuid> = records.iter().map(|r| r.record.recorded_by).collect();
    people.extend(attendees.values().flatten().map(|a| a.supervisee_id));
    people.extend(actions.values().flatten().map(|a| a.owner_id));
    people.sort_unstable();
    people.dedup();
    let cards = directory::cards(db, organisation_id, &people).await?;

    ctx.data::<Batched<AttendeeLoader>>()
        .map_err(loaded)?
        .feed_many(
            ids.iter()
                .map(|id| (*id, attendees.remove(id).unwrap_or_default())),
        )
        .await;
    ctx.data::<Batched<ActionLoader>>()
        .map_err(loaded)?
        .feed_many(
            readable
                .iter()
                .map(|id| (*id, actions.remove(id).unwrap_or_default())),
        )
        .await;
    ctx.data::<Batched<StaffCardLoader>>()
        .map_err(loaded)?
        .feed_many(cards)
        .await;
    Ok(())
}

/// Whether the records a list resolver returns are asked for `field`: on
/// each item of a plain list, or on the nodes or edges of a connection.
fn lists(ctx: &async_graphql::Context<'_>, field: &str) -> bool {
    let here = ctx.look_ahead();
    here.field(field).exists()
        || here.field("nodes").field(field).exists()
        || here.field("edges").field("node").field(field).exists()
}
