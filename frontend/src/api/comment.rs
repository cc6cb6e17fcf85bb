//! Supervisees' comments on a record (F4.2): anything they want kept with
//! it, added at any time. The list comes with the record's content
//! ([`super::supervision`]), since a comment is read like the record.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// One comment, as the record lists them (oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// The comment's id.
    pub id: Uuid,
    /// Who wrote it: one of the record's supervisees.
    pub author: StaffSummary,
    /// What they wrote.
    pub body: String,
    /// When.
    pub written_at: DateTime<Utc>,
}

const ADD_COMMENT: &str = "mutation AddComment($id: UUID!, $comment: String!) { addComment(id: $id, comment: $comment) { id } }";

/// Adds the caller's comment to a record they were supervised in.
pub async fn add_comment(id: Uuid, comment: &str) -> Result<(), ApiError> {
    let _: serde::de::IgnoredAny = graphql(
        ADD_COMMENT,
        serde_json::json!({ "id": id, "comment": comment }),
    )
    .await?;
    Ok(())
}
