//! The organisation's newly qualified and induction schedules as it writes
//! them (F5.2): read for the compliance rule, written at set-up with the
//! defaults, and changed from a date by a system administrator.

use std::collections::BTreeMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use supervision_shared::schedule::{SchedulePhase, SchedulePlan};
use supervision_shared::{FieldError, Role};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::schedule_phase;
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};

/// Every wording of every schedule the organisation has written, oldest
/// first within each kind.
pub async fn plans_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> AppResult<Vec<SchedulePlan>> {
    let rows = schedule_phase::Entity::find()
        .filter(schedule_phase::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(schedule_phase::Column::Schedule)
        .order_by_asc(schedule_phase::Column::EffectiveFrom)
        .order_by_asc(schedule_phase::Column::Position)
        .all(db)
        .await?;
    let mut plans: BTreeMap<_, SchedulePlan> = BTreeMap::new();
    for row in rows {
        let count = |n: i32| u32::try_from(n).unwrap_or(0);
        plans
            .entry((row.schedule, row.effective_from))
            .or_insert_with(|| SchedulePlan {
                kind: row.schedule,
                effective_from: row.effective_from,
                phases: Vec::new(),
            })
            .phases
            .push(SchedulePhase {
                every_days: count(row.every_days),
                until_months: count(row.until_months),
                until_weeks: count(row.until_weeks),
            });
    }
    Ok(plans.into_values().collect())
}

/// Writes a plan, replacing any wording of the same schedule from the same
/// day. The caller checks it and owns the transaction.
pub async fn write(
    txn: &impl ConnectionTrait,
    organisation_id: Uuid,
    plan: &SchedulePlan,
) -> AppResult<()> {
    schedule_phase::Entity::delete_many()
        .filter(schedule_phase::Column::OrganisationId.eq(organisation_id))
        .filter(schedule_phase::Column::Schedule.eq(plan.kind))
        .filter(schedule_phase::Column::EffectiveFrom.eq(plan.effective_from))
        .exec(txn)
        .await?;
    let number = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    let rows = plan.phases.iter().enumerate().map(|(i, phase)| {
        sea_orm::IntoActiveModel::into_active_model(schedule_phase::Model {
            organisation_id,
            schedule: plan.kind,
            effective_from: plan.effective_from,
            position: number(u32::try_from(i).unwrap_or(u32::MAX)),
            every_days: number(phase.every_days),
            until_months: number(phase.until_months),
            until_weeks: number(phase.until_weeks),
        })
    });
    schedule_phase::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// A system administrator writes a schedule as their organisation's policy
/// words it, in force from a date; the wording before that date still
/// judges the days before it. Audited.
pub async fn set(
    db: &DatabaseConnection,
    viewer: &Viewer,
    plan: SchedulePlan,
) -> AppResult<SchedulePlan> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    plan.check().map_err(|e| {
        let field = e
            .phase
            .map_or_else(|| "phases".to_owned(), |i| format!("phases.{i}"));
        AppError::Validation(vec![FieldError::new(&field, e.message)])
    })?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    write(&txn, viewer.organisation_id, &plan).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "schedule.set",
            "organisation",
            viewer.organisation_id,
            serde_json::json!({
                "schedule": plan.kind.as_str(),
                "effectiveFrom": plan.effective_from,
                "phases": plan.phases.iter().map(|p| serde_json::json!({
                    "everyDays": p.every_days,
                    "untilMonths": p.until_months,
                    "untilWeeks": p.until_weeks,
                })).collect::<Vec<_>>(),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(plan)
}
