//! The organisation's own headers for the fields the import reads, kept
//! once by an HR administrator and used by the page, the upload and the
//! nightly command alike. A header given on the command line for a run
//! wins over the kept one for that run; a kept header the file does not
//! have is passed over, so a file with the usual names still reads.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use supervision_shared::{FieldError, Role};
use uuid::Uuid;

use super::columns::Field;
use crate::auth::Viewer;
use crate::entity::import_column;
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};

/// One field the import reads, as the mapping page shows it.
#[derive(Debug, Clone)]
pub struct FieldColumn {
    /// The field's name, e.g. `unit`.
    pub field: &'static str,
    /// Whether every export must have it.
    pub required: bool,
    /// The headers recognised without a mapping.
    pub known_headers: &'static [&'static str],
    /// The organisation's own header for it, if kept.
    pub header: Option<String>,
}

/// The kept headers, as `(field, header)`.
pub async fn stored(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> AppResult<Vec<(String, String)>> {
    Ok(import_column::Entity::find()
        .filter(import_column::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(import_column::Column::Field)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.field, c.header))
        .collect())
}

/// Every field with its kept header (HR administrators).
pub async fn fields(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<FieldColumn>> {
    require_any_role(viewer, &[Role::HrAdmin])?;
    let kept = stored(db, viewer.organisation_id).await?;
    Ok(Field::ALL
        .into_iter()
        .map(|field| FieldColumn {
            field: field.name(),
            required: field.required(),
            known_headers: field.known_headers(),
            header: kept
                .iter()
                .find(|(f, _)| f == field.name())
                .map(|(_, h)| h.clone()),
        })
        .collect())
}

/// Replaces the kept headers with these (blank headers are dropped), or
/// says what is wrong and keeps what was there.
pub async fn save(
    db: &DatabaseConnection,
    viewer: &Viewer,
    columns: Vec<(String, String)>,
) -> AppResult<()> {
    require_any_role(viewer, &[Role::HrAdmin])?;
    let mut errors = Vec::new();
    let mut kept: Vec<(&'static str, String)> = Vec::new();
    for (field, header) in &columns {
        let header = header.trim();
        match Field::parse(field) {
            None => errors.push(FieldError::new(
                "columns",
                format!("'{field}' is not a field the import reads."),
            )),
            Some(_) if header.chars().count() > 200 => errors.push(FieldError::new(
                "columns",
                format!("The header for {field} is longer than 200 characters."),
            )),
            Some(field) if !header.is_empty() => {
                if kept.iter().any(|(f, _)| *f == field.name()) {
                    errors.push(FieldError::new(
                        "columns",
                        format!("{} is given twice.", field.name()),
                    ));
                }
                kept.push((field.name(), header.to_owned()));
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let org = viewer.organisation_id;
    let txn = crate::db::begin(db, org).await?;
    import_column::Entity::delete_many()
        .filter(import_column::Column::OrganisationId.eq(org))
        .exec(&txn)
        .await?;
    for (field, header) in &kept {
        import_column::ActiveModel {
            organisation_id: Set(org),
            field: Set((*field).to_owned()),
            header: Set(header.clone()),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "directory.import_columns",
            "organisation",
            org,
            serde_json::json!({ "columns": kept.iter().map(|(f, h)| format!("{f}={h}")).collect::<Vec<_>>() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
