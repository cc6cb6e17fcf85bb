//! Signing (F6.2): each party e-signs with a time stamp, as validation of a
//! record is; the second signature puts the agreement in force. Then the
//! pair's earlier agreement ends the day before, and the frequency agreed
//! becomes the supervisee's policy from the start date, waiting for a head
//! of service when it is less often than the organisation's default (until
//! then the default applies; the back-stop always does).

use chrono::{Days, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use super::write::setting_of;
use crate::auth::Viewer;
use crate::entity::{agreement, policy_rule};
use crate::error::{AppError, AppResult};
use crate::service::access::AgreementAccess;
use crate::service::audit::{self, AuditEntry};

/// The viewer signs an agreement they are party to. Signing twice changes
/// nothing; an agreement in force or ended is not signed again.
pub async fn sign(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<agreement::Model> {
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    // Read under the write lock, so two signatures at once both count.
    let row = agreement::Entity::find_by_id(id)
        .filter(agreement::Column::OrganisationId.eq(viewer.organisation_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = crate::service::access::agreement_access(&txn, viewer, &row)
        .await?
        .ok_or(AppError::NotFound)?;
    let AgreementAccess::Party { supervisee } = access else {
        return Err(AppError::Forbidden);
    };
    if row.ended_on.is_some() || row.in_force_at.is_some() {
        return Err(AppError::Conflict(
            "This agreement is already signed by both.".into(),
        ));
    }
    let already = if supervisee {
        row.supervisee_signed_at.is_some()
    } else {
        row.supervisor_signed_at.is_some()
    };
    if already {
        return Ok(row);
    }
    let now = Utc::now();
    let both = if supervisee {
        row.supervisor_signed_at.is_some()
    } else {
        row.supervisee_signed_at.is_some()
    };
    let mut active: agreement::ActiveModel = row.clone().into();
    if supervisee {
        active.supervisee_signed_at = Set(Some(now));
    } else {
        active.supervisor_signed_at = Set(Some(now));
    }
    if both {
        end_earlier(&txn, &row).await?;
        let rule = rule_of(&row, now)?;
        let rule_id = rule.id;
        policy_rule::ActiveModel::from(rule).insert(&txn).await?;
        active.in_force_at = Set(Some(now));
        active.policy_rule_id = Set(Some(rule_id));
    }
    let signed = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            if both {
                "agreement.in_force"
            } else {
                "agreement.sign"
            },
            "agreement",
            signed.id,
            serde_json::json!({ "as": if supervisee { "supervisee" } else { "supervisor" } }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(signed)
}

/// Ends the pair's agreement in force before this one, and its frequency,
/// the day before this one starts (or on its own start, if this one starts
/// no later).
async fn end_earlier(txn: &sea_orm::DatabaseTransaction, new: &agreement::Model) -> AppResult<()> {
    let earlier = agreement::Entity::find()
        .filter(agreement::Column::OrganisationId.eq(new.organisation_id))
        .filter(agreement::Column::SuperviseeId.eq(new.supervisee_id))
        .filter(agreement::Column::Relationship.eq(new.relationship.clone()))
        .filter(agreement::Column::InForceAt.is_not_null())
        .filter(agreement::Column::EndedOn.is_null())
        .filter(agreement::Column::Id.ne(new.id))
        .all(txn)
        .await?;
    for old in earlier {
        let last = (new.starts_on - Days::new(1)).max(old.starts_on);
        if let Some(rule_id) = old.policy_rule_id
            && let Some(rule) = policy_rule::Entity::find_by_id(rule_id).one(txn).await?
        {
            let mut rule: policy_rule::ActiveModel = rule.into();
            rule.effective_to = Set(Some(last));
            rule.update(txn).await?;
        }
        let mut old: agreement::ActiveModel = old.into();
        old.ended_on = Set(Some(last));
        old.update(txn).await?;
    }
    Ok(())
}

/// The supervisee's policy rule the agreed frequency becomes.
fn rule_of(row: &agreement::Model, now: chrono::DateTime<Utc>) -> AppResult<policy_rule::Model> {
    let relationship = super::relationship_of(row)?;
    Ok(policy_rule::Model {
        id: Uuid::now_v7(),
        organisation_id: row.organisation_id,
        scope_kind: supervision_shared::policy::PolicyScopeKind::Person,
        scope_value: row.supervisee_id.to_string(),
        setting: setting_of(relationship),
        days: row.frequency_days,
        effective_from: row.starts_on,
        effective_to: None,
        reason: if row.frequency_reason.is_empty() {
            "Supervision agreement".to_owned()
        } else {
            format!("Supervision agreement: {}", row.frequency_reason)
        },
        // The supervisor proposed it with the supervisee; a head of service
        // other than them approves it when it needs approval.
        created_by: Some(row.supervisor_id),
        created_at: now,
        approved_by: None,
        approved_at: None,
    })
}
