//! Starting an agreement, and revising it until both have signed (F6.1).
//! A supervisor starts one with their supervisee (or a senior manager for
//! them), under the organisation's headings; either party may revise it
//! before it is in force, and a revision asks both to sign again.

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use supervision_shared::FieldError;
use supervision_shared::agreement::{AgreementTerms, check_terms};
use supervision_shared::policy::{PolicySetting, organisation_default};
use uuid::Uuid;

use super::headings::headings_of;
use crate::auth::Viewer;
use crate::entity::{agreement, allocation, staff};
use crate::error::{AppError, AppResult};
use crate::service::access::{AgreementAccess, in_senior_manager_scope};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::{ACTIVE, Relationship, allocation_current_on};

/// How far back an agreement may start: the pair may write up one they
/// made at their first meeting a while ago.
const STARTS_AT_MOST_DAYS_AGO: u64 = 90;

/// The setting an agreement's frequency becomes.
pub fn setting_of(relationship: Relationship) -> PolicySetting {
    match relationship {
        Relationship::LineManager => PolicySetting::Management,
        Relationship::ClinicalSupervisor => PolicySetting::Clinical,
    }
}

/// Who holds a relationship with a supervisee on a day.
async fn holder(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervisee: Uuid,
    relationship: Relationship,
    day: NaiveDate,
) -> AppResult<Option<Uuid>> {
    Ok(allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(organisation_id))
        .filter(allocation::Column::StaffId.eq(supervisee))
        .filter(allocation::Column::Relationship.eq(relationship.as_str()))
        .filter(allocation_current_on(day))
        .one(db)
        .await?
        .map(|a| a.allocated_to_id))
}

/// Checks terms for the organisation's headings and policy; every problem
/// by field.
async fn check(
    db: &DatabaseConnection,
    viewer: &Viewer,
    relationship: Relationship,
    terms: &AgreementTerms,
) -> AppResult<()> {
    let headings = headings_of(db, viewer.organisation_id).await?;
    let rules = crate::service::compliance::policy::rules_in(db, viewer.organisation_id).await?;
    let default_days = organisation_default(&rules, setting_of(relationship), terms.starts_on);
    let mut errors = check_terms(terms, &headings, default_days);
    let today = viewer.today();
    let earliest = today - Days::new(STARTS_AT_MOST_DAYS_AGO);
    let latest = today + Days::new(365);
    if terms.starts_on < earliest || terms.starts_on > latest {
        errors.insert(
            0,
            FieldError::new(
                "startsOn",
                "Start it no more than 90 days ago and within the next year.",
            ),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn sections_json(terms: &AgreementTerms) -> AppResult<String> {
    serde_json::to_string(&terms.sections).map_err(|e| AppError::Internal(e.into()))
}

fn number(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Starts an agreement between a supervisee and whoever holds the
/// relationship with them today: by that supervisor, or by a senior manager
/// whose scope holds the supervisee. Neither party has signed yet.
pub async fn start(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervisee_id: Uuid,
    relationship: Relationship,
    terms: AgreementTerms,
) -> AppResult<agreement::Model> {
    let supervisee = staff::Entity::find_by_id(supervisee_id)
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = viewer.today();
    let supervisor = holder(
        db,
        viewer.organisation_id,
        supervisee.id,
        relationship,
        today,
    )
    .await?;
    let may = supervisor == Some(viewer.staff_id)
        || in_senior_manager_scope(db, viewer, &[supervisee.id]).await?;
    if !may {
        return Err(AppError::Forbidden);
    }
    let Some(supervisor) = supervisor else {
        return Err(AppError::invalid(
            "kind",
            &format!(
                "{} has no {} today: HR records who it is first.",
                supervisee.name,
                relationship.label().to_lowercase()
            ),
        ));
    };
    check(db, viewer, relationship, &terms).await?;
    let now = Utc::now();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = agreement::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervisee_id: Set(supervisee.id),
        supervisor_id: Set(supervisor),
        relationship: Set(relationship.as_str().to_owned()),
        frequency_days: Set(number(terms.frequency_days)),
        frequency_reason: Set(terms.frequency_reason.trim().to_owned()),
        duration_minutes: Set(number(terms.duration_minutes)),
        venue: Set(terms.venue.trim().to_owned()),
        sections: Set(sections_json(&terms)?),
        starts_on: Set(terms.starts_on),
        review_by: Set(terms.review_by),
        created_by: Set(viewer.staff_id),
        created_at: Set(now),
        updated_at: Set(now),
        supervisor_signed_at: Set(None),
        supervisee_signed_at: Set(None),
        in_force_at: Set(None),
        ended_on: Set(None),
        policy_rule_id: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "agreement.start",
            "agreement",
            row.id,
            serde_json::json!({
                "supervisee": row.supervisee_id,
                "supervisor": row.supervisor_id,
                "relationship": row.relationship,
                "frequencyDays": row.frequency_days,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Revises an agreement not yet in force: either party may, and both sign
/// again. One in force is reviewed by starting a new one.
pub async fn revise(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    terms: AgreementTerms,
) -> AppResult<agreement::Model> {
    let (row, access) = super::one(db, viewer, id).await?;
    if !matches!(access, AgreementAccess::Party { .. }) {
        return Err(AppError::Forbidden);
    }
    if row.in_force_at.is_some() || row.ended_on.is_some() {
        return Err(AppError::Conflict(
            "This agreement is signed by both: review it by starting a new one.".into(),
        ));
    }
    let relationship = super::relationship_of(&row)?;
    check(db, viewer, relationship, &terms).await?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut active: agreement::ActiveModel = row.into();
    active.frequency_days = Set(number(terms.frequency_days));
    active.frequency_reason = Set(terms.frequency_reason.trim().to_owned());
    active.duration_minutes = Set(number(terms.duration_minutes));
    active.venue = Set(terms.venue.trim().to_owned());
    active.sections = Set(sections_json(&terms)?);
    active.starts_on = Set(terms.starts_on);
    active.review_by = Set(terms.review_by);
    active.updated_at = Set(Utc::now());
    // What was signed is no longer what it says.
    active.supervisor_signed_at = Set(None);
    active.supervisee_signed_at = Set(None);
    let row = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "agreement.revise",
            "agreement",
            row.id,
            serde_json::json!({ "frequencyDays": row.frequency_days }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}
