//! Per-request batch loaders, so a list of records costs a fixed number of
//! queries rather than one or more per record. Each is bound to the viewer's
//! organisation, so a batch can never reach into another tenant.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::entity::supervision_attendee;
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
