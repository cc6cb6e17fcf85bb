//! Where a SCIM `department` puts someone: the unit with that path from
//! the top (`Community Services / Community Nursing / Team A`, as the HR
//! export writes it) or, failing a path, the one unit with that name. A
//! department the directory does not have yet becomes a team under the
//! organisation's top unit, as the import adds new units; a name two units
//! share is refused rather than guessed.

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::entity::org_unit;
use crate::error::{AppError, AppResult};

/// The unit a department names, made if there is none.
pub async fn unit_for(txn: &DatabaseTransaction, org: Uuid, department: &str) -> AppResult<Uuid> {
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(org))
        .all(txn)
        .await?;
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let steps: Vec<&str> = department.split('/').map(str::trim).collect();
    if steps.len() > 1 {
        let mut parent: Option<Uuid> = None;
        let mut found = None;
        for step in &steps {
            found = units
                .iter()
                .find(|u| u.parent_id == parent && same(&u.name, step))
                .map(|u| u.id);
            match found {
                Some(id) => parent = Some(id),
                None => break,
            }
        }
        if let Some(id) = found {
            return Ok(id);
        }
    }
    let named: Vec<&org_unit::Model> = units.iter().filter(|u| same(&u.name, department)).collect();
    match named.as_slice() {
        [one] => Ok(one.id),
        [] => {
            let id = Uuid::now_v7();
            org_unit::ActiveModel {
                id: Set(id),
                organisation_id: Set(org),
                parent_id: Set(Some(top(txn, org).await?)),
                name: Set(department.trim().chars().take(200).collect()),
                level: Set("team".to_owned()),
                opened_on: Set(None),
                closed_on: Set(None),
            }
            .insert(txn)
            .await?;
            Ok(id)
        }
        _ => Err(AppError::invalid(
            "department",
            "More than one unit has that name: send its path from the top, e.g. \"Community Services / Community Nursing / Team A\".",
        )),
    }
}

/// The organisation's top unit, where someone with no department starts.
pub async fn top(txn: &DatabaseTransaction, org: Uuid) -> AppResult<Uuid> {
    let tops = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(org))
        .filter(org_unit::Column::ParentId.is_null())
        .all(txn)
        .await?;
    match tops.as_slice() {
        [one] => Ok(one.id),
        _ => Err(AppError::invalid(
            "department",
            "Give the person's department: this organisation has no single top unit to start them in.",
        )),
    }
}
