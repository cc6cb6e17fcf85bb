//! A draft kept on the server (F3.10).

use async_graphql::SimpleObject;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::entity::record_draft;

/// A record being written, saved to finish later. Only its author sees it.
#[derive(Debug, Clone, SimpleObject)]
pub struct Draft {
    /// The draft's id: the record's submission key.
    pub id: Uuid,
    /// A line to recognise it by.
    pub summary: String,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// The form as the client keeps it (JSON).
    pub payload: String,
}

impl From<record_draft::Model> for Draft {
    fn from(row: record_draft::Model) -> Self {
        Self {
            id: row.id,
            summary: row.summary,
            updated_at: row.updated_at,
            payload: row.payload,
        }
    }
}
