//! An attachment as the API shows it (F3.8): what it is and where to
//! download it; the bytes come from `/attachments/{id}`.

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::entity::attachment;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// A document or image attached to a record.
#[derive(Debug, Clone)]
pub struct Attachment(pub attachment::Model);

#[Object]
impl Attachment {
    /// Attachment id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// The file's name (with the extension of its real type).
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }

    /// Its type, as found from its content.
    async fn content_type(&self) -> &str {
        &self.0.content_type
    }

    /// Size in bytes.
    async fn size_bytes(&self) -> i64 {
        self.0.size_bytes
    }

    /// Who attached it.
    async fn uploaded_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.uploaded_by).await
    }

    /// When.
    async fn uploaded_at(&self) -> DateTime<Utc> {
        self.0.uploaded_at
    }

    /// Where to download it (same rules as reading the record).
    async fn download_url(&self) -> String {
        format!("/attachments/{}", self.0.id)
    }

    /// When it was deleted, if it was.
    async fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.0.deleted_at
    }
}
