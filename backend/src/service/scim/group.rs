//! SCIM groups (RFC 7643 §4.2). A group's name may stand for a role:
//! "Auditors", "HR administrators" and "System administrators" (singular
//! or plural, any case) give their members that role, with no unit scope,
//! for as long as they are members. Any other group is kept, and grants
//! nothing: an identity provider pushes whatever groups are assigned to the
//! application. Senior managers' scope is over units, which a group cannot
//! say, so it stays with the system administrator's page. The organisation
//! always keeps one working system administrator: a change that would
//! leave none is refused.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{Value, json};
use supervision_shared::Role;
use uuid::Uuid;

use super::schema::GROUP;
use super::token::Provisioner;
use super::{Page, field, text};
use crate::entity::{scim_group, scim_group_member, staff, staff_role};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::ACTIVE;

/// The role a group's name stands for, if any.
pub fn role_named(display_name: &str) -> Option<Role> {
    let name = display_name.trim().to_lowercase();
    let name = name.strip_suffix('s').unwrap_or(&name);
    [Role::Auditor, Role::HrAdmin, Role::SystemAdmin]
        .into_iter()
        .find(|role| role.label().to_lowercase() == name)
}

struct GroupInput {
    display_name: String,
    external_id: Option<String>,
    members: Vec<Uuid>,
}

fn read(body: &Value) -> AppResult<GroupInput> {
    let display_name = text(body, "displayName").unwrap_or_default();
    if display_name.is_empty() || display_name.chars().count() > 255 {
        return Err(AppError::invalid(
            "displayName",
            "A group needs a displayName of at most 255 characters.",
        ));
    }
    let mut members = Vec::new();
    for member in field(body, "members")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let id = text(member, "value")
            .and_then(|v| v.parse::<Uuid>().ok())
            .ok_or_else(|| {
                AppError::invalid("members", "Each member's value is the id of a user here.")
            })?;
        if !members.contains(&id) {
            members.push(id);
        }
    }
    Ok(GroupInput {
        display_name,
        external_id: text(body, "externalId"),
        members,
    })
}

async fn to_json(
    db: &impl ConnectionTrait,
    group: &scim_group::Model,
    base: &str,
) -> AppResult<Value> {
    Ok(many_to_json(db, vec![group.clone()], base).await?.remove(0))
}

async fn many_to_json(
    db: &impl ConnectionTrait,
    groups: Vec<scim_group::Model>,
    base: &str,
) -> AppResult<Vec<Value>> {
    let Some(first) = groups.first() else {
        return Ok(Vec::new());
    };
    let org = first.organisation_id;
    let rows: Vec<(Uuid, Uuid, String)> = scim_group_member::Entity::find()
        .select_only()
        .column(scim_group_member::Column::GroupId)
        .column(scim_group_member::Column::StaffId)
        .column_as(staff::Column::Name, "name")
        .join(
            sea_orm::JoinType::InnerJoin,
            scim_group_member::Entity::belongs_to(staff::Entity)
                .from(scim_group_member::Column::StaffId)
                .to(staff::Column::Id)
                .into(),
        )
        .filter(scim_group_member::Column::OrganisationId.eq(org))
        .filter(scim_group_member::Column::GroupId.is_in(groups.iter().map(|g| g.id)))
        .order_by_asc(staff::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    let mut members: HashMap<Uuid, Vec<Value>> = HashMap::new();
    for (group, person, name) in rows {
        members.entry(group).or_default().push(json!({
            "value": person,
            "display": name,
            "type": "User",
            "$ref": format!("{base}/Users/{person}"),
        }));
    }
    Ok(groups
        .into_iter()
        .map(|group| {
            let mut value = json!({
                "schemas": [GROUP],
                "id": group.id,
                "displayName": group.display_name,
                "members": members.remove(&group.id).unwrap_or_default(),
                "meta": {
                    "resourceType": "Group",
                    "created": group.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    "lastModified": group.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    "location": format!("{base}/Groups/{}", group.id),
                },
            });
            if let Some(external) = &group.external_id {
                value["externalId"] = json!(external);
            }
            value
        })
        .collect())
}

async fn find(db: &impl ConnectionTrait, org: Uuid, id: Uuid) -> AppResult<scim_group::Model> {
    scim_group::Entity::find_by_id(id)
        .filter(scim_group::Column::OrganisationId.eq(org))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A page of groups, filtered by `displayName`, `externalId` or `id`.
pub async fn list(
    db: &DatabaseConnection,
    caller: Provisioner,
    base: &str,
    filter_text: Option<&str>,
    page: Page,
) -> AppResult<Value> {
    let org = caller.organisation_id;
    let mut query = scim_group::Entity::find().filter(scim_group::Column::OrganisationId.eq(org));
    if let Some(text) = filter_text.filter(|t| !t.trim().is_empty()) {
        let (attribute, value) = super::patch::parse_equality(text)?;
        query = query.filter(match attribute.to_ascii_lowercase().as_str() {
            "displayname" => Condition::all().add(
                Expr::expr(Func::lower(Expr::col((
                    scim_group::Entity,
                    scim_group::Column::DisplayName,
                ))))
                .eq(value.to_lowercase()),
            ),
            "externalid" => Condition::all().add(scim_group::Column::ExternalId.eq(value)),
            "id" => Condition::all()
                .add(scim_group::Column::Id.eq(value.parse::<Uuid>().unwrap_or_default())),
            other => {
                return Err(AppError::BadRequest(format!(
                    "Groups can be filtered by displayName, externalId or id, not {other}."
                )));
            }
        });
    }
    let total = query.clone().count(db).await?;
    let groups = query
        .order_by_asc(scim_group::Column::DisplayName)
        .offset(page.start_index - 1)
        .limit(page.count)
        .all(db)
        .await?;
    Ok(super::schema::list(
        many_to_json(db, groups, base).await?,
        total,
        page.start_index,
    ))
}

/// One group.
pub async fn get(
    db: &DatabaseConnection,
    caller: Provisioner,
    base: &str,
    id: Uuid,
) -> AppResult<Value> {
    let group = find(db, caller.organisation_id, id).await?;
    to_json(db, &group, base).await
}

/// Creates a group, its members holding its role.
pub async fn create(
    db: &DatabaseConnection,
    caller: Provisioner,
    base: &str,
    body: &Value,
) -> AppResult<Value> {
    let org = caller.organisation_id;
    let input = read(body)?;
    let txn = crate::db::begin(db, org).await?;
    unique_name(&txn, org, None, &input.display_name).await?;
    let now = Utc::now();
    let group = scim_group::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        display_name: Set(input.display_name.clone()),
        external_id: Set(input.external_id.clone()),
        role: Set(role_named(&input.display_name)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let added = set_members(&txn, &group, None, &input.members).await?;
    audit::record(
        &txn,
        entry(
            caller,
            "scim.group.create",
            group.id,
            json!({ "name": group.display_name, "added": added }),
        ),
    )
    .await?;
    txn.commit().await?;
    get(db, caller, base, group.id).await
}

/// Replaces a group's name and members.
pub async fn replace(
    db: &DatabaseConnection,
    caller: Provisioner,
    base: &str,
    id: Uuid,
    body: &Value,
) -> AppResult<Value> {
    let org = caller.organisation_id;
    let input = read(body)?;
    let txn = crate::db::begin(db, org).await?;
    let before = find(&txn, org, id).await?;
    unique_name(&txn, org, Some(id), &input.display_name).await?;
    let mut group: scim_group::ActiveModel = before.clone().into();
    group.display_name = Set(input.display_name.clone());
    group.external_id = Set(input.external_id.clone());
    group.role = Set(role_named(&input.display_name));
    group.updated_at = Set(Utc::now());
    let group = group.update(&txn).await?;
    let changes = set_members(&txn, &group, Some(&before), &input.members).await?;
    keeps_an_administrator(&txn, org).await?;
    audit::record(
        &txn,
        entry(
            caller,
            "scim.group.update",
            id,
            json!({ "name": group.display_name, "was": before.display_name, "members": changes }),
        ),
    )
    .await?;
    txn.commit().await?;
    get(db, caller, base, id).await
}

/// Deletes a group; its members lose the role it gave them.
pub async fn delete(db: &DatabaseConnection, caller: Provisioner, id: Uuid) -> AppResult<()> {
    let org = caller.organisation_id;
    let txn = crate::db::begin(db, org).await?;
    let group = find(&txn, org, id).await?;
    staff_role::Entity::delete_many()
        .filter(staff_role::Column::OrganisationId.eq(org))
        .filter(staff_role::Column::ScimGroupId.eq(id))
        .exec(&txn)
        .await?;
    scim_group_member::Entity::delete_many()
        .filter(scim_group_member::Column::GroupId.eq(id))
        .exec(&txn)
        .await?;
    scim_group::Entity::delete_by_id(id).exec(&txn).await?;
    keeps_an_administrator(&txn, org).await?;
    audit::record(
        &txn,
        entry(
            caller,
            "scim.group.delete",
            id,
            json!({ "name": group.display_name }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Makes the members `wanted`, granting and ending the group's role to
/// match; what was added and removed.
async fn set_members(
    txn: &DatabaseTransaction,
    group: &scim_group::Model,
    before: Option<&scim_group::Model>,
    wanted: &[Uuid],
) -> AppResult<Value> {
    let org = group.organisation_id;
    let known = super::user::existing(txn, org, wanted).await?;
    if let Some(missing) = wanted.iter().find(|id| !known.contains(id)) {
        return Err(AppError::invalid(
            "members",
            &format!("{missing} is not a user of this organisation."),
        ));
    }
    let current: HashSet<Uuid> = scim_group_member::Entity::find()
        .select_only()
        .column(scim_group_member::Column::StaffId)
        .filter(scim_group_member::Column::GroupId.eq(group.id))
        .into_tuple::<Uuid>()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let wanted: HashSet<Uuid> = wanted.iter().copied().collect();
    let removed: Vec<Uuid> = current.difference(&wanted).copied().collect();
    let added: Vec<Uuid> = wanted.difference(&current).copied().collect();
    if !removed.is_empty() {
        scim_group_member::Entity::delete_many()
            .filter(scim_group_member::Column::GroupId.eq(group.id))
            .filter(scim_group_member::Column::StaffId.is_in(removed.clone()))
            .exec(txn)
            .await?;
    }
    for person in &added {
        scim_group_member::ActiveModel {
            group_id: Set(group.id),
            staff_id: Set(*person),
            organisation_id: Set(org),
        }
        .insert(txn)
        .await?;
    }
    // The role follows membership: regranted whole when the name (and so
    // perhaps the role) changed, else only for those who came and went.
    let role_changed = before.is_some_and(|b| b.role != group.role);
    let (ungrant, grant): (Vec<Uuid>, Vec<Uuid>) = if role_changed {
        (
            current.iter().copied().collect(),
            wanted.iter().copied().collect(),
        )
    } else {
        (removed.clone(), added.clone())
    };
    if !ungrant.is_empty() {
        staff_role::Entity::delete_many()
            .filter(staff_role::Column::ScimGroupId.eq(group.id))
            .filter(staff_role::Column::StaffId.is_in(ungrant))
            .exec(txn)
            .await?;
    }
    if let Some(role) = group.role {
        for person in grant {
            staff_role::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(org),
                staff_id: Set(person),
                role: Set(role),
                org_unit_id: Set(None),
                granted_by: Set(None),
                granted_at: Set(Some(Utc::now())),
                scim_group_id: Set(Some(group.id)),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(json!({ "added": added, "removed": removed }))
}

/// Refuses (and so rolls back) a change that leaves the organisation with
/// no system administrator who still works here.
pub async fn keeps_an_administrator(txn: &DatabaseTransaction, org: Uuid) -> AppResult<()> {
    let working = staff_role::Entity::find()
        .filter(staff_role::Column::OrganisationId.eq(org))
        .filter(staff_role::Column::Role.eq(Role::SystemAdmin))
        .filter(
            staff_role::Column::StaffId.in_subquery(
                Query::select()
                    .column(staff::Column::Id)
                    .from(staff::Entity)
                    .and_where(staff::Column::OrganisationId.eq(org))
                    .and_where(staff::Column::Status.eq(ACTIVE))
                    .to_owned(),
            ),
        )
        .count(txn)
        .await?;
    if working == 0 {
        return Err(AppError::invalid(
            "members",
            "This would leave the organisation without a system administrator: grant the role to someone else first.",
        ));
    }
    Ok(())
}

async fn unique_name(
    txn: &DatabaseTransaction,
    org: Uuid,
    except: Option<Uuid>,
    name: &str,
) -> AppResult<()> {
    let mut query = scim_group::Entity::find()
        .filter(scim_group::Column::OrganisationId.eq(org))
        .filter(
            Expr::expr(Func::lower(Expr::col((
                scim_group::Entity,
                scim_group::Column::DisplayName,
            ))))
            .eq(name.to_lowercase()),
        );
    if let Some(id) = except {
        query = query.filter(scim_group::Column::Id.ne(id));
    }
    if query.one(txn).await?.is_some() {
        return Err(AppError::Conflict(format!(
            "There is already a group called {name}."
        )));
    }
    Ok(())
}

fn entry(
    caller: Provisioner,
    action: &'static str,
    id: Uuid,
    mut detail: Value,
) -> AuditEntry<'static> {
    detail["token"] = json!(caller.token_id);
    AuditEntry {
        organisation_id: caller.organisation_id,
        actor_id: None,
        action,
        subject_type: "scim_group",
        subject_id: Some(id),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_that_stand_for_roles() {
        assert_eq!(role_named("Auditors"), Some(Role::Auditor));
        assert_eq!(role_named(" hr administrators "), Some(Role::HrAdmin));
        assert_eq!(role_named("System administrator"), Some(Role::SystemAdmin));
        assert_eq!(role_named("Senior managers"), None);
        assert_eq!(role_named("All staff"), None);
    }
}
