//! A change of line manager or clinical supervisor, with the day it takes
//! effect (F2.5), made by an HR administrator or by the person's line
//! manager. The old allocation ends the day before, the new one starts on
//! the day, and the person is told by email who now supervises them. The
//! HR import makes the same change for a whole export.

use chrono::{Days, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, Set,
};
use supervision_shared::{FieldError, Role};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{allocation, staff};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::{ACTIVE, Relationship, allocation_current_on};
use crate::service::notify::{self, Links};
use crate::service::outbox;

/// A change asked for.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    /// Whose.
    pub staff_id: Uuid,
    /// Line manager or clinical supervisor.
    pub relationship: Relationship,
    /// The new one.
    pub to: Uuid,
    /// The first day they hold it.
    pub from: NaiveDate,
}

/// One period in which someone held a relationship to the person.
#[derive(Debug, Clone)]
pub struct Period {
    /// Line manager or clinical supervisor.
    pub relationship: Relationship,
    /// Who held it.
    pub holder_id: Uuid,
    /// The first day.
    pub from: NaiveDate,
    /// The last day; none while it lasts.
    pub to: Option<NaiveDate>,
}

/// Who has managed and supervised the person, and when, newest first
/// (F2.5): for the person, HR, whoever holds one of their files, and those
/// who oversee them. Anyone else: not found.
pub async fn history(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<Vec<Period>> {
    use sea_orm::QueryOrder;
    let org = viewer.organisation_id;
    crate::service::directory::staff_in_organisation(db, org, person).await?;
    let today = viewer.today();
    let allowed = person == viewer.staff_id
        || viewer.has_role(Role::HrAdmin)
        || crate::service::access::holds_a_file_of(db, viewer, person, today).await?
        || crate::service::access::oversees_any(db, viewer, &[person], today).await?;
    if !allowed {
        return Err(AppError::NotFound);
    }
    Ok(allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(org))
        .filter(allocation::Column::StaffId.eq(person))
        .order_by_desc(allocation::Column::EffectiveFrom)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(Period {
                relationship: Relationship::parse(&row.relationship)?,
                holder_id: row.allocated_to_id,
                from: row.effective_from,
                to: row.effective_to,
            })
        })
        .collect())
}

/// Makes the change, or says what is wrong and writes nothing.
// Long by design: who may, what is wrong, then one transaction top to bottom.
pub async fn change(
    db: &DatabaseConnection,
    links: &Links,
    viewer: &Viewer,
    change: Change,
) -> AppResult<()> {
    let org = viewer.organisation_id;
    let person = active(db, org, change.staff_id).await?;
    let line_manager = current(
        db,
        org,
        change.staff_id,
        Relationship::LineManager,
        viewer.today(),
    )
    .await?;
    // HR for anyone; a line manager for the people they manage.
    let allowed = viewer.has_role(Role::HrAdmin)
        || line_manager.is_some_and(|m| m.allocated_to_id == viewer.staff_id);
    let Some(person) = person.filter(|_| allowed) else {
        return Err(AppError::NotFound);
    };
    // Checked under the organisation's write lock, so two changes made at
    // once cannot both pass against the same allocation.
    let txn = crate::db::begin(db, org).await?;
    let (new, now) = check(&txn, org, &person, change, viewer.today()).await?;
    hand_over(&txn, links, &person, change.relationship, &new, change.from).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "allocation.change",
            "staff",
            change.staff_id,
            serde_json::json!({
                "relationship": change.relationship.as_str(),
                "from": change.from,
                "to": change.to,
                "previous": now.map(|a| a.allocated_to_id),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Writes a change inside the caller's transaction (checked already):
/// the allocation current on `from` ends the day before (one that began on
/// `from` itself, made earlier the same day, is dropped), a change planned
/// for later is replaced, and the person is told who holds their file now.
/// The HR page, the import and SCIM all hand over this way.
pub async fn hand_over(
    txn: &DatabaseTransaction,
    links: &Links,
    person: &staff::Model,
    relationship: Relationship,
    to: &staff::Model,
    from: NaiveDate,
) -> AppResult<()> {
    let org = person.organisation_id;
    end_in(txn, org, person.id, relationship, from).await?;
    allocation::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        staff_id: Set(person.id),
        relationship: Set(relationship.as_str().to_owned()),
        allocated_to_id: Set(to.id),
        effective_from: Set(from),
        effective_to: Set(None),
    }
    .insert(txn)
    .await?;
    let label = relationship.label().to_lowercase();
    outbox::enqueue(
        txn,
        vec![notify::new_supervisor(
            links, person, &label, &to.name, from,
        )],
    )
    .await
}

/// Ends whatever allocation of this relationship the person has on `from`,
/// from that day, and drops any planned after it.
pub async fn end_in(
    txn: &DatabaseTransaction,
    org: Uuid,
    person: Uuid,
    relationship: Relationship,
    from: NaiveDate,
) -> AppResult<()> {
    let day_before = from.checked_sub_days(Days::new(1)).unwrap_or(from);
    allocation::Entity::delete_many()
        .filter(of(org, person, relationship))
        .filter(allocation::Column::EffectiveFrom.gte(from))
        .exec(txn)
        .await?;
    allocation::Entity::update_many()
        .col_expr(allocation::Column::EffectiveTo, Expr::value(day_before))
        .filter(of(org, person, relationship))
        .filter(allocation_current_on(from))
        .exec(txn)
        .await?;
    Ok(())
}

/// Every problem with a change at once; the new holder and the allocation
/// it replaces on the day, when there is one.
async fn check(
    db: &impl ConnectionTrait,
    org: Uuid,
    person: &staff::Model,
    change: Change,
    today: NaiveDate,
) -> AppResult<(staff::Model, Option<allocation::Model>)> {
    let new = active(db, org, change.to).await?;
    let mut errors = Vec::new();
    if change.to == change.staff_id {
        errors.push(FieldError::new(
            "toId",
            "Choose someone other than the person themselves.",
        ));
    } else if new.is_none() {
        errors.push(FieldError::new(
            "toId",
            "Choose someone who works here now.",
        ));
    }
    if change.from < person.start_date {
        errors.push(FieldError::new(
            "from",
            "The change cannot take effect before they started.",
        ));
    }
    let now = current(db, org, change.staff_id, change.relationship, change.from).await?;
    if now.as_ref().is_some_and(|a| a.allocated_to_id == change.to) {
        errors.push(FieldError::new("toId", "They already hold it on that day."));
    }
    if let Some(now) = &now
        && change.from <= now.effective_from
    {
        errors.push(FieldError::new(
            "from",
            "Choose a day after the current allocation began.",
        ));
    }
    // History is not rewritten: a later change that has already taken
    // effect stays (only a planned one is replaced).
    let later_begun = allocation::Entity::find()
        .filter(of(org, change.staff_id, change.relationship))
        .filter(allocation::Column::EffectiveFrom.gt(change.from))
        .filter(allocation::Column::EffectiveFrom.lte(today))
        .one(db)
        .await?;
    if let Some(later) = later_begun {
        errors.push(FieldError::new(
            "from",
            format!(
                "A later change took effect on {}: choose a day after it.",
                later.effective_from.format("%-d %B %Y")
            ),
        ));
    }
    match new {
        Some(new) if errors.is_empty() => Ok((new, now)),
        _ => Err(AppError::Validation(errors)),
    }
}

fn of(org: Uuid, person: Uuid, relationship: Relationship) -> Condition {
    Condition::all()
        .add(allocation::Column::OrganisationId.eq(org))
        .add(allocation::Column::StaffId.eq(person))
        .add(allocation::Column::Relationship.eq(relationship.as_str()))
}

async fn active(db: &impl ConnectionTrait, org: Uuid, id: Uuid) -> AppResult<Option<staff::Model>> {
    Ok(staff::Entity::find_by_id(id)
        .filter(staff::Column::OrganisationId.eq(org))
        .filter(staff::Column::Status.eq(ACTIVE))
        .one(db)
        .await?)
}

async fn current(
    db: &impl ConnectionTrait,
    org: Uuid,
    person: Uuid,
    relationship: Relationship,
    day: NaiveDate,
) -> AppResult<Option<allocation::Model>> {
    Ok(allocation::Entity::find()
        .filter(of(org, person, relationship))
        .filter(allocation_current_on(day))
        .one(db)
        .await?)
}
