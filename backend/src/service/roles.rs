//! Roles granted in the directory (F2.2): a senior manager's scope over
//! units, auditors, HR administrators and system administrators. Only a
//! system administrator grants or ends them; each grant shows who made it
//! and when, and the audit log keeps every grant and end. Supervisors and
//! line managers are not granted: they follow from allocations.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use supervision_shared::{FieldError, Role};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{org_unit, staff, staff_role};
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::ACTIVE;

/// A grant as the administrators' page shows it.
#[derive(Debug, Clone)]
pub struct RoleGrant {
    /// The grant.
    pub id: Uuid,
    /// Who holds it.
    pub staff_id: Uuid,
    /// Which role.
    pub role: Role,
    /// For a senior manager: the unit their scope starts at.
    pub unit: Option<(Uuid, String)>,
    /// Who granted it, when the service recorded it.
    pub granted_by: Option<Uuid>,
    /// When.
    pub granted_at: Option<DateTime<Utc>>,
}

/// What granting asks for.
#[derive(Debug, Clone)]
pub struct NewGrant {
    /// The person.
    pub staff_id: Uuid,
    /// The role: senior manager, auditor, HR administrator or system
    /// administrator.
    pub role: Role,
    /// For a senior manager, the unit their scope starts at; none otherwise.
    pub unit_id: Option<Uuid>,
}

/// Every grant in the organisation, by person then role (system
/// administrators only).
pub async fn grants(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<RoleGrant>> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    let rows = staff_role::Entity::find()
        .filter(staff_role::Column::OrganisationId.eq(viewer.organisation_id))
        .order_by_asc(staff_role::Column::StaffId)
        .order_by_asc(staff_role::Column::Role)
        .all(db)
        .await?;
    let units: std::collections::HashMap<Uuid, String> = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(org_unit::Column::Id.is_in(rows.iter().filter_map(|r| r.org_unit_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| RoleGrant {
            unit: row
                .org_unit_id
                .map(|id| (id, units.get(&id).cloned().unwrap_or_default())),
            id: row.id,
            staff_id: row.staff_id,
            role: row.role,
            granted_by: row.granted_by,
            granted_at: row.granted_at,
        })
        .collect())
}

/// Grants a role, or says what is wrong and writes nothing.
pub async fn grant(db: &DatabaseConnection, viewer: &Viewer, new: NewGrant) -> AppResult<Uuid> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    // Checked under the organisation's write lock: two administrators
    // granting the same role at once make one grant, not two.
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    check(&txn, viewer, &new).await?;
    let id = Uuid::now_v7();
    staff_role::ActiveModel {
        id: Set(id),
        organisation_id: Set(viewer.organisation_id),
        staff_id: Set(new.staff_id),
        role: Set(new.role),
        org_unit_id: Set(new.unit_id),
        granted_by: Set(Some(viewer.staff_id)),
        granted_at: Set(Some(Utc::now())),
        scim_group_id: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "role.grant",
            "staff",
            new.staff_id,
            serde_json::json!({ "grant": id, "role": new.role.as_str(), "unit": new.unit_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Ends a grant. The organisation always keeps a system administrator:
/// the last one's grant cannot be ended.
pub async fn end(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    let row = staff_role::Entity::find_by_id(id)
        .filter(staff_role::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    // Only administrators who still work here count: a leaver's grant
    // signs nobody in.
    let working_administrators = staff_role::Entity::find()
        .filter(staff_role::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff_role::Column::Role.eq(Role::SystemAdmin))
        .filter(
            staff_role::Column::StaffId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(staff::Column::Id)
                    .from(staff::Entity)
                    .and_where(staff::Column::OrganisationId.eq(viewer.organisation_id))
                    .and_where(staff::Column::Status.eq(ACTIVE))
                    .to_owned(),
            ),
        )
        .count(&txn)
        .await?;
    if row.role == Role::SystemAdmin && working_administrators <= 1 {
        return Err(AppError::invalid(
            "id",
            "This is the last system administrator: grant the role to someone else first.",
        ));
    }
    staff_role::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "role.end",
            "staff",
            row.staff_id,
            serde_json::json!({
                "grant": id,
                "role": row.role.as_str(),
                "unit": row.org_unit_id,
                "grantedBy": row.granted_by,
                "grantedAt": row.granted_at,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every problem with a grant at once.
async fn check(db: &impl ConnectionTrait, viewer: &Viewer, new: &NewGrant) -> AppResult<()> {
    let mut errors = Vec::new();
    if !new.role.is_directory_granted() {
        errors.push(FieldError::new(
            "role",
            "Supervisors and line managers follow from allocations; grant senior manager, auditor, HR administrator or system administrator.",
        ));
    }
    let person = staff::Entity::find_by_id(new.staff_id)
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .one(db)
        .await?;
    if person.is_none() {
        errors.push(FieldError::new(
            "staffId",
            "Choose someone who works here now.",
        ));
    }
    match (new.role, new.unit_id) {
        (Role::SeniorManager, None) => errors.push(FieldError::new(
            "unitId",
            "Choose the unit a senior manager's scope starts at.",
        )),
        (Role::SeniorManager, Some(unit)) => {
            let known = org_unit::Entity::find_by_id(unit)
                .filter(org_unit::Column::OrganisationId.eq(viewer.organisation_id))
                .filter(org_unit::Column::ClosedOn.is_null())
                .count(db)
                .await?;
            if known == 0 {
                errors.push(FieldError::new(
                    "unitId",
                    "Choose one of your organisation's open units.",
                ));
            }
        }
        (_, Some(_)) => errors.push(FieldError::new(
            "unitId",
            "Only a senior manager's role has a unit: this role covers the whole organisation.",
        )),
        (_, None) => {}
    }
    if errors.is_empty() {
        let mut same = staff_role::Entity::find()
            .filter(staff_role::Column::OrganisationId.eq(viewer.organisation_id))
            .filter(staff_role::Column::StaffId.eq(new.staff_id))
            .filter(staff_role::Column::Role.eq(new.role));
        same = match new.unit_id {
            Some(unit) => same.filter(staff_role::Column::OrgUnitId.eq(unit)),
            None => same.filter(staff_role::Column::OrgUnitId.is_null()),
        };
        if same.count(db).await? > 0 {
            errors.push(FieldError::new("role", "They already hold this role."));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}
