//! The parts of a record kept in tables of their own, in the one place
//! that lists them, so that removal (F4.5) and retention (F7.7) cannot
//! each forget a different one when a table is added.

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{
    action_update, case_discussion, supervision_action, supervision_comment, supervision_version,
};
use crate::error::AppResult;

/// Deletes what was said in and about these records beyond their own
/// columns: actions and their history, case discussions, comments and
/// earlier versions, in an order the foreign keys allow. The caller has
/// already scoped the ids to what it may change.
pub async fn delete_discussion(txn: &DatabaseTransaction, records: &[Uuid]) -> AppResult<()> {
    if records.is_empty() {
        return Ok(());
    }
    let ids = || records.iter().copied();
    action_update::Entity::delete_many()
        .filter(
            action_update::Column::ActionId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(supervision_action::Column::Id)
                    .from(supervision_action::Entity)
                    .and_where(supervision_action::Column::SupervisionId.is_in(ids()))
                    .to_owned(),
            ),
        )
        .exec(txn)
        .await?;
    supervision_action::Entity::delete_many()
        .filter(supervision_action::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    case_discussion::Entity::delete_many()
        .filter(case_discussion::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    supervision_comment::Entity::delete_many()
        .filter(supervision_comment::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    supervision_version::Entity::delete_many()
        .filter(supervision_version::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    Ok(())
}
