//! An organisation's settings as its system administrators keep them: its
//! name, the time zone its days are judged in, and the email domains that
//! are its own. The identity provider tenant is set when the organisation
//! is set up (a wrong one would lock everyone out, so it is not a form
//! field). Every change is audited with what it was before.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use supervision_shared::{FieldError, Role};

use crate::auth::Viewer;
use crate::entity::{organisation, staff};
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};

/// The settings, as shown and as changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// As staff know it.
    pub name: String,
    /// IANA name, e.g. `Europe/London`.
    pub time_zone: String,
    /// Its own email domains; none admits any email.
    pub email_domains: Vec<String>,
    /// The identity provider tenant, if set at set-up (not changed here).
    pub identity_tenant: Option<String>,
}

fn of(row: &organisation::Model) -> Settings {
    Settings {
        name: row.name.clone(),
        time_zone: row.time_zone.clone(),
        email_domains: row
            .email_domains
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
            .collect(),
        identity_tenant: row.identity_tenant.clone(),
    }
}

async fn row(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<organisation::Model> {
    organisation::Entity::find_by_id(viewer.organisation_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The viewer's organisation's settings (system administrators).
pub async fn settings(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Settings> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    Ok(of(&row(db, viewer).await?))
}

/// Changes the name, time zone and email domains, or says what is wrong
/// and changes nothing. The administrator's own email must stay within the
/// domains, or they could not sign in again.
pub async fn change(
    db: &DatabaseConnection,
    viewer: &Viewer,
    wanted: Settings,
) -> AppResult<Settings> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    let before = row(db, viewer).await?;
    let name = wanted.name.trim().to_owned();
    let zone = wanted.time_zone.trim().to_owned();
    let domains: Vec<String> = wanted
        .email_domains
        .iter()
        .map(|d| d.trim().trim_start_matches('@').to_lowercase())
        .filter(|d| !d.is_empty())
        .collect();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            "Give the organisation's name, up to 200 characters.",
        ));
    } else if organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name.clone()))
        .filter(organisation::Column::Id.ne(viewer.organisation_id))
        .count(db)
        .await?
        > 0
    {
        errors.push(FieldError::new(
            "name",
            "Another organisation on this service has that name.",
        ));
    }
    if zone.parse::<chrono_tz::Tz>().is_err() {
        errors.push(FieldError::new(
            "timeZone",
            "Give a time zone by its IANA name, for example Europe/London.",
        ));
    }
    if domains
        .iter()
        .any(|d| !d.contains('.') || d.contains(['@', ',', ' ']) || d.starts_with('.'))
    {
        errors.push(FieldError::new(
            "emailDomains",
            "Give each email domain on its own, like northfield.nhs.uk.",
        ));
    } else if !domains.is_empty() {
        let mine = staff::Entity::find_by_id(viewer.staff_id)
            .one(db)
            .await?
            .map(|s| s.email)
            .unwrap_or_default();
        let my_domain = mine.rsplit_once('@').map(|(_, d)| d.to_lowercase());
        if !my_domain.is_some_and(|d| domains.contains(&d)) {
            errors.push(FieldError::new(
                "emailDomains",
                format!("Your own email ({mine}) must be in one of them, or you could not sign in again."),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut changed: organisation::ActiveModel = before.clone().into();
    changed.name = Set(name);
    changed.time_zone = Set(zone);
    changed.email_domains = Set(Some(domains.join(",")).filter(|d| !d.is_empty()));
    let after = changed.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "organisation.settings",
            "organisation",
            viewer.organisation_id,
            serde_json::json!({
                "name": [before.name, after.name],
                "timeZone": [before.time_zone, after.time_zone],
                "emailDomains": [before.email_domains, after.email_domains],
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(of(&after))
}
