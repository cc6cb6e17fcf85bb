//! Attachments to a record (F3.8): documents and photos uploaded from a
//! phone or PC. The bytes are kept in an object store outside the database
//! (a local directory by default, S3-compatible storage by configuration);
//! the type is decided from the content; downloads follow exactly the rules
//! for reading the record's content; deleting one is recorded.

pub mod sniff;

use std::sync::Arc;

use chrono::Utc;
use object_store::ObjectStore;
use object_store::path::Path;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use sha2::{Digest, Sha256};
use supervision_shared::FieldError;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::config::AttachmentConfig;
use crate::entity::attachment;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::supervision::find_visible;

/// The configured object store.
#[derive(Clone)]
pub struct AttachmentStore {
    store: Arc<dyn ObjectStore>,
    /// The largest attachment accepted, in bytes.
    pub max_bytes: usize,
}

impl std::fmt::Debug for AttachmentStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachmentStore")
            .field("store", &self.store.to_string())
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

impl AttachmentStore {
    /// Opens the store named in the configuration (creating a local
    /// directory when needed).
    pub fn open(config: &AttachmentConfig) -> anyhow::Result<Self> {
        let store: Arc<dyn ObjectStore> = if config.store.starts_with("s3://") {
            Arc::new(
                object_store::aws::AmazonS3Builder::from_env()
                    .with_url(&config.store)
                    .build()?,
            )
        } else {
            std::fs::create_dir_all(&config.store)?;
            Arc::new(object_store::local::LocalFileSystem::new_with_prefix(
                &config.store,
            )?)
        };
        Ok(Self {
            store,
            max_bytes: config.max_bytes,
        })
    }

    /// Whether files can be stored now: a small object is written (the
    /// same key every time, by every instance, so probes leave one object
    /// behind, not one per probe or per process). Readiness asks this, so a
    /// load balancer stops sending uploads to an instance whose store is
    /// unwritable, full or unreachable.
    pub async fn is_ready(&self) -> bool {
        let probe = Path::from("health/ready");
        match self
            .store
            .put(&probe, object_store::PutPayload::from_static(b"ok"))
            .await
        {
            Ok(_) => true,
            Err(err) => {
                tracing::warn!(error = %err, "the attachment store cannot be written");
                false
            }
        }
    }

    /// Removes stored objects; used after their rows are gone (removal,
    /// retention). A failure is logged, not raised: the rows that make the
    /// bytes reachable are already deleted.
    pub async fn discard(&self, keys: &[String]) {
        for key in keys {
            if let Err(err) = self.store.delete(&Path::from(key.as_str())).await {
                tracing::warn!(%key, error = %err, "could not delete an attachment's bytes");
            }
        }
    }
}

fn refuse(message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new("file", message)])
}

/// Attaches a file to a record. Its recorder and supervisees may attach;
/// anyone else who may know the record is refused, anyone who may not is
/// told it does not exist. A refused file writes nothing.
pub async fn upload(
    db: &DatabaseConnection,
    store: &AttachmentStore,
    viewer: &Viewer,
    supervision_id: Uuid,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<attachment::Model> {
    let visible = find_visible(db, viewer, supervision_id).await?;
    if !visible.access.is_participant() {
        return Err(AppError::Forbidden);
    }
    if bytes.is_empty() {
        return Err(refuse("The file is empty."));
    }
    if bytes.len() > store.max_bytes {
        return Err(refuse(format!(
            "The file is too large: at most {} MB.",
            store.max_bytes / (1024 * 1024)
        )));
    }
    let Some(file_type) = sniff::sniff(&bytes) else {
        return Err(refuse(format!(
            "This type of file cannot be attached. Attach {}.",
            sniff::ACCEPTED
        )));
    };
    let id = Uuid::now_v7();
    let key = format!("{}/{}/{id}", viewer.organisation_id, supervision_id);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let sha256 = hex::encode(Sha256::digest(&bytes));
    // The bytes first: a row never points at nothing. If the row cannot be
    // written, the stray object is removed again.
    if let Err(err) = store
        .store
        .put(&Path::from(key.as_str()), bytes.into())
        .await
    {
        // A full disk, a folder gone, a bucket out of reach: the person is
        // told plainly and nothing is recorded; an operator sees why.
        tracing::warn!(error = %err, "the attachment store refused a file");
        return Err(AppError::Unavailable(
            "The file could not be stored just now, so it was not attached. Nothing else \
             was changed. Please try again later; if it keeps happening, tell your IT \
             service desk."
                .into(),
        ));
    }
    let row = attachment::ActiveModel {
        id: Set(id),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(supervision_id),
        uploaded_by: Set(viewer.staff_id),
        uploaded_at: Set(Utc::now()),
        file_name: Set(sniff::clean_file_name(file_name, file_type)),
        content_type: Set(file_type.mime.to_owned()),
        size_bytes: Set(size),
        object_key: Set(key.clone()),
        sha256: Set(sha256),
        deleted_at: Set(None),
        deleted_by: Set(None),
    };
    let saved = async {
        let txn = crate::db::begin(db, viewer.organisation_id).await?;
        let row = row.insert(&txn).await?;
        audit::record(
            &txn,
            AuditEntry::by(
                viewer,
                "attachment.upload",
                "supervision",
                supervision_id,
                serde_json::json!({ "attachment": id, "type": file_type.mime, "bytes": size }),
            ),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, AppError>(row)
    }
    .await;
    if saved.is_err() {
        store.discard(&[key]).await;
    }
    saved
}

/// The attachments of a record still in place, oldest first. Callers have
/// checked that the viewer may read the record's content.
pub async fn of_record(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<attachment::Model>> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::OrganisationId.eq(organisation_id))
        .filter(attachment::Column::SupervisionId.eq(supervision_id))
        .filter(attachment::Column::DeletedAt.is_null())
        .order_by_asc(attachment::Column::UploadedAt)
        .all(db)
        .await?)
}

/// An attachment the viewer may download: exactly when they may read the
/// record's content (a read under a grant is logged like any other).
async fn readable(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<attachment::Model> {
    let row = attachment::Entity::find_by_id(id)
        .filter(attachment::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(attachment::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let visible = find_visible(db, viewer, row.supervision_id).await?;
    if !visible.access.may_read_content() {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

/// The attachment and its bytes.
pub async fn download(
    db: &DatabaseConnection,
    store: &AttachmentStore,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<(attachment::Model, axum::body::Bytes)> {
    let row = readable(db, viewer, id).await?;
    let bytes = store
        .store
        .get(&Path::from(row.object_key.as_str()))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .bytes()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((row, bytes))
}

/// Deletes an attachment: its uploader or the record's recorder may. The
/// row stays, marked with who deleted it and when; the bytes go.
pub async fn delete(
    db: &DatabaseConnection,
    store: &AttachmentStore,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<attachment::Model> {
    let row = readable(db, viewer, id).await?;
    let record = crate::service::access::record_in_organisation(
        db,
        viewer.organisation_id,
        row.supervision_id,
    )
    .await?;
    if row.uploaded_by != viewer.staff_id && record.recorded_by != viewer.staff_id {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut active: attachment::ActiveModel = row.clone().into();
    active.deleted_at = Set(Some(Utc::now()));
    active.deleted_by = Set(Some(viewer.staff_id));
    let deleted = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "attachment.delete",
            "supervision",
            row.supervision_id,
            serde_json::json!({ "attachment": id, "fileName": row.file_name }),
        ),
    )
    .await?;
    txn.commit().await?;
    store.discard(&[row.object_key]).await;
    Ok(deleted)
}

/// Object keys of the attachments of these records (for removal and
/// retention, which delete the rows and then the bytes).
pub async fn keys_of_records(
    db: &impl sea_orm::ConnectionTrait,
    ids: &[Uuid],
) -> AppResult<Vec<String>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(attachment::Entity::find()
        .filter(attachment::Column::SupervisionId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.object_key)
        .collect())
}
