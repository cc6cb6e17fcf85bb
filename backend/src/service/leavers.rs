//! Someone leaving (F2.4): they keep their records, drop out of pickers
//! and lose access at once. The HR import and SCIM both make leavers here.

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{allocation, session, staff};
use crate::error::AppResult;

/// The status of someone who has left.
pub const LEAVER: &str = "leaver";

/// Rows per statement: within both engines' limits on bound values.
const CHUNK: usize = 500;

/// Marks one person as leaving on `day`, and ends what they held.
pub async fn mark(
    txn: &DatabaseTransaction,
    organisation_id: Uuid,
    person: Uuid,
    day: NaiveDate,
) -> AppResult<()> {
    staff::Entity::update_many()
        .col_expr(staff::Column::Status, Expr::value(LEAVER))
        .col_expr(staff::Column::LeavingDate, Expr::value(day))
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Id.eq(person))
        .exec(txn)
        .await?;
    end_access(txn, organisation_id, &[(person, day)]).await
}

/// Ends leavers' allocations, both ways (as supervisee and as supervisor),
/// on the day they left, and signs them out everywhere. Their status is
/// the caller's to have set.
pub async fn end_access(
    txn: &DatabaseTransaction,
    organisation_id: Uuid,
    leavers: &[(Uuid, NaiveDate)],
) -> AppResult<()> {
    for &(person, left) in leavers {
        allocation::Entity::update_many()
            .col_expr(allocation::Column::EffectiveTo, Expr::value(left))
            .filter(allocation::Column::OrganisationId.eq(organisation_id))
            .filter(
                Condition::any()
                    .add(allocation::Column::StaffId.eq(person))
                    .add(allocation::Column::AllocatedToId.eq(person)),
            )
            .filter(
                Condition::any()
                    .add(allocation::Column::EffectiveTo.is_null())
                    .add(allocation::Column::EffectiveTo.gt(left)),
            )
            .exec(txn)
            .await?;
    }
    let people: Vec<Uuid> = leavers.iter().map(|(p, _)| *p).collect();
    for chunk in people.chunks(CHUNK) {
        session::Entity::delete_many()
            .filter(session::Column::StaffId.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    Ok(())
}
