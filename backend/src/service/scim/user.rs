//! SCIM users: the directory's staff as the identity provider sees them
//! (RFC 7643 §4.1 with the enterprise extension). `userName` is the work
//! email, the id is the staff id, `active: false` makes a leaver from the
//! organisation's today, `department` places the person in a unit, and
//! `manager` makes a change of line manager from today (the person is
//! told, as for any change). People loaded by the HR import are users here
//! too, so an identity provider that matches on `userName` finds them.
//! `DELETE` makes a leaver and hides the person from SCIM; their records
//! stay, as every leaver's do.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{Value, json};
use supervision_shared::FieldError;
use uuid::Uuid;

use super::schema::{ENTERPRISE_USER, USER};
use super::token::Provisioner;
use super::{Page, field, flag, text};
use crate::entity::{allocation, org_unit, scim_group_member, scim_user, staff, staff_role};
use crate::error::{AppError, AppResult};
use crate::service::allocations;
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::{ACTIVE, Relationship, allocation_current_on};
use crate::service::names::search_form;
use crate::service::notify::Links;
use crate::service::organisation::looks_like_email;

/// What a user resource says, read from its JSON.
#[derive(Debug, Clone, PartialEq)]
struct UserInput {
    user_name: String,
    email: String,
    name: String,
    given_name: Option<String>,
    family_name: Option<String>,
    job_title: String,
    active: bool,
    external_id: Option<String>,
    employee_number: Option<String>,
    department: Option<String>,
    manager: Option<Uuid>,
}

/// A member of staff with what SCIM shows of them.
struct Loaded {
    staff: staff::Model,
    scim: Option<scim_user::Model>,
    manager: Option<(Uuid, String)>,
    unit: String,
}

fn read(body: &Value) -> AppResult<UserInput> {
    let mut errors = Vec::new();
    let user_name = text(body, "userName").unwrap_or_default();
    if user_name.is_empty() || user_name.chars().count() > 320 {
        errors.push(FieldError::new(
            "userName",
            "Give the person's userName (at most 320 characters).",
        ));
    }
    // The work email: the primary address, else the work one, else the
    // userName when that is an email (Entra ID's user principal name
    // usually is).
    let emails = field(body, "emails").and_then(Value::as_array);
    let chosen = emails.and_then(|emails| {
        emails
            .iter()
            .find(|e| field(e, "primary").and_then(flag) == Some(true))
            .or_else(|| {
                emails
                    .iter()
                    .find(|e| text(e, "type").is_some_and(|t| t.eq_ignore_ascii_case("work")))
            })
            .or_else(|| emails.first())
            .and_then(|e| text(e, "value"))
    });
    let email = chosen.unwrap_or_else(|| user_name.clone()).to_lowercase();
    if !looks_like_email(&email) {
        errors.push(FieldError::new(
            "emails",
            "Give the person's work email, as emails[type eq \"work\"].value or as the userName.",
        ));
    }
    let parts = field(body, "name");
    let given_name = parts.and_then(|n| text(n, "givenName"));
    let family_name = parts.and_then(|n| text(n, "familyName"));
    let name = parts;
    let name = text(body, "displayName")
        .or_else(|| name.and_then(|n| text(n, "formatted")))
        .or_else(|| {
            let given = name.and_then(|n| text(n, "givenName")).unwrap_or_default();
            let family = name.and_then(|n| text(n, "familyName")).unwrap_or_default();
            let whole = format!("{given} {family}").trim().to_owned();
            (!whole.is_empty()).then_some(whole)
        })
        .unwrap_or_default();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "displayName",
            "Give the person's name (displayName, or name.givenName and name.familyName), at most 200 characters.",
        ));
    }
    let active = match field(body, "active") {
        None | Some(Value::Null) => true,
        Some(value) => flag(value).unwrap_or_else(|| {
            errors.push(FieldError::new("active", "active is true or false."));
            true
        }),
    };
    let enterprise = field(body, ENTERPRISE_USER);
    let manager = enterprise
        .and_then(|e| field(e, "manager"))
        .and_then(|m| match m {
            Value::String(id) => Some(id.clone()),
            // One manager, sometimes sent as a list of one.
            Value::Array(list) => list.first().and_then(|m| text(m, "value")),
            other => text(other, "value"),
        })
        .filter(|id| !id.trim().is_empty());
    let manager = match manager.map(|id| id.trim().parse::<Uuid>()) {
        None => None,
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            errors.push(FieldError::new(
                "manager",
                "manager.value must be the id of a user of this service.",
            ));
            None
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(UserInput {
        user_name,
        email,
        name,
        given_name,
        family_name,
        job_title: text(body, "title").unwrap_or_default(),
        active,
        external_id: text(body, "externalId"),
        employee_number: enterprise.and_then(|e| text(e, "employeeNumber")),
        department: enterprise.and_then(|e| text(e, "department")),
        manager,
    })
}

fn to_json(user: &Loaded, base: &str) -> Value {
    let staff = &user.staff;
    let link = user.scim.as_ref();
    let (given, family) = match (
        link.and_then(|l| l.given_name.as_deref()),
        link.and_then(|l| l.family_name.as_deref()),
    ) {
        (None, None) => staff.name.rsplit_once(' ').unwrap_or((&staff.name, "")),
        (given, family) => (given.unwrap_or_default(), family.unwrap_or_default()),
    };
    let user_name = link
        .and_then(|l| l.user_name.as_deref())
        .unwrap_or(&staff.email);
    let created = user.scim.as_ref().map(|s| s.created_at).unwrap_or_else(|| {
        staff
            .start_date
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
    });
    let modified = user.scim.as_ref().map_or(created, |s| s.updated_at);
    let mut enterprise = json!({
        "employeeNumber": staff.employee_number,
        "department": user.unit,
    });
    if let Some((id, name)) = &user.manager {
        enterprise["manager"] =
            json!({ "value": id, "displayName": name, "$ref": format!("{base}/Users/{id}") });
    }
    let mut value = json!({
        "schemas": [USER, ENTERPRISE_USER],
        "id": staff.id,
        "userName": user_name,
        "name": { "formatted": staff.name, "givenName": given, "familyName": family },
        "displayName": staff.name,
        "title": staff.job_title,
        "emails": [{ "value": staff.email, "type": "work", "primary": true }],
        "active": staff.status == ACTIVE,
        ENTERPRISE_USER: enterprise,
        "meta": {
            "resourceType": "User",
            "created": stamp(created),
            "lastModified": stamp(modified),
            "location": format!("{base}/Users/{}", staff.id),
        },
    });
    if let Some(external) = user.scim.as_ref().and_then(|s| s.external_id.clone()) {
        value["externalId"] = json!(external);
    }
    value
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The condition for "a SCIM user of this organisation": staff, less
/// those the identity provider deleted.
fn visible(organisation_id: Uuid) -> Condition {
    Condition::all()
        .add(staff::Column::OrganisationId.eq(organisation_id))
        .add(
            staff::Column::Id.not_in_subquery(
                Query::select()
                    .column(scim_user::Column::StaffId)
                    .from(scim_user::Entity)
                    .and_where(scim_user::Column::OrganisationId.eq(organisation_id))
                    .and_where(scim_user::Column::DeletedAt.is_not_null())
                    .to_owned(),
            ),
        )
}

/// A filter on users: `userName`, `externalId`, `id`, `emails.value`,
/// `displayName` or `employeeNumber` equal to a value.
fn filter(organisation_id: Uuid, text: &str) -> AppResult<Condition> {
    let (attribute, value) = super::patch::parse_equality(text)?;
    let attribute = attribute
        .rsplit_once(':')
        .map_or(attribute.as_str(), |(_, a)| a)
        .to_ascii_lowercase();
    let lower = |column: staff::Column| {
        Expr::expr(Func::lower(Expr::col((staff::Entity, column)))).eq(value.to_lowercase())
    };
    Ok(match attribute.as_str() {
        "username" => user_name_is(organisation_id, &value),
        "emails.value" | "emails" => Condition::all().add(lower(staff::Column::Email)),
        "displayname" => Condition::all().add(lower(staff::Column::Name)),
        "employeenumber" => Condition::all().add(staff::Column::EmployeeNumber.eq(value)),
        "id" => match value.parse::<Uuid>() {
            Ok(id) => Condition::all().add(staff::Column::Id.eq(id)),
            // No user has an id that is not an id.
            Err(_) => Condition::all().add(Expr::val(1).eq(0)),
        },
        "externalid" => Condition::all().add(
            staff::Column::Id.in_subquery(
                Query::select()
                    .column(scim_user::Column::StaffId)
                    .from(scim_user::Entity)
                    .and_where(scim_user::Column::OrganisationId.eq(organisation_id))
                    .and_where(scim_user::Column::ExternalId.eq(value))
                    .to_owned(),
            ),
        ),
        other => {
            return Err(AppError::BadRequest(format!(
                "Users can be filtered by userName, externalId, id, emails.value, displayName or employeeNumber, not {other}."
            )));
        }
    })
}

/// Whose `userName` is this (any case): theirs as the identity provider
/// set it, or their email when it set none.
fn user_name_is(organisation_id: Uuid, user_name: &str) -> Condition {
    let wanted = user_name.to_lowercase();
    let named = |condition: Condition| {
        Query::select()
            .column(scim_user::Column::StaffId)
            .from(scim_user::Entity)
            .and_where(scim_user::Column::OrganisationId.eq(organisation_id))
            .cond_where(condition)
            .to_owned()
    };
    Condition::any()
        .add(
            staff::Column::Id.in_subquery(named(
                Condition::all().add(
                    Expr::expr(Func::lower(Expr::col((
                        scim_user::Entity,
                        scim_user::Column::UserName,
                    ))))
                    .eq(wanted.clone()),
                ),
            )),
        )
        .add(
            Condition::all()
                .add(
                    Expr::expr(Func::lower(Expr::col((
                        staff::Entity,
                        staff::Column::Email,
                    ))))
                    .eq(wanted),
                )
                .add(staff::Column::Id.not_in_subquery(named(
                    Condition::all().add(scim_user::Column::UserName.is_not_null()),
                ))),
        )
}

/// A page of users, filtered.
pub async fn list(
    db: &DatabaseConnection,
    caller: Provisioner,
    base: &str,
    filter_text: Option<&str>,
    page: Page,
) -> AppResult<Value> {
    let org = caller.organisation_id;
    let mut query = staff::Entity::find().filter(visible(org));
    if let Some(text) = filter_text.filter(|t| !t.trim().is_empty()) {
        query = query.filter(filter(org, text)?);
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(staff::Column::Name)
        .order_by_asc(staff::Column::Id)
        .offset(page.start_index - 1)
        .limit(page.count)
        .all(db)
        .await?;
    let today = super::today(db, org).await?;
    let users = load_many(db, org, rows, today).await?;
    Ok(super::schema::list(
        users.iter().map(|u| to_json(u, base)).collect(),
        total,
        page.start_index,
    ))
}

/// One user.
pub async fn get(
    db: &DatabaseConnection,
    caller: Provisioner,
    base: &str,
    id: Uuid,
) -> AppResult<Value> {
    let user = load(db, caller.organisation_id, id).await?;
    Ok(to_json(&user, base))
}

async fn load(db: &impl sea_orm::ConnectionTrait, org: Uuid, id: Uuid) -> AppResult<Loaded> {
    let staff = staff::Entity::find_by_id(id)
        .filter(visible(org))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = super::today(db, org).await?;
    load_many(db, org, vec![staff], today)
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

async fn load_many(
    db: &impl sea_orm::ConnectionTrait,
    org: Uuid,
    rows: Vec<staff::Model>,
    today: NaiveDate,
) -> AppResult<Vec<Loaded>> {
    let ids: Vec<Uuid> = rows.iter().map(|s| s.id).collect();
    let mut scim: HashMap<Uuid, scim_user::Model> = scim_user::Entity::find()
        .filter(scim_user::Column::OrganisationId.eq(org))
        .filter(scim_user::Column::StaffId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.staff_id, s))
        .collect();
    let managers: HashMap<Uuid, Uuid> = allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(org))
        .filter(allocation::Column::Relationship.eq(Relationship::LineManager.as_str()))
        .filter(allocation::Column::StaffId.is_in(ids))
        .filter(allocation_current_on(today))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.staff_id, a.allocated_to_id))
        .collect();
    let names: HashMap<Uuid, String> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::Name)
        .filter(staff::Column::OrganisationId.eq(org))
        .filter(staff::Column::Id.is_in(managers.values().copied()))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let units: HashMap<Uuid, String> = org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::Id)
        .column(org_unit::Column::Name)
        .filter(org_unit::Column::OrganisationId.eq(org))
        .filter(org_unit::Column::Id.is_in(rows.iter().map(|s| s.org_unit_id)))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|staff| Loaded {
            scim: scim.remove(&staff.id),
            manager: managers
                .get(&staff.id)
                .map(|m| (*m, names.get(m).cloned().unwrap_or_default())),
            unit: units.get(&staff.org_unit_id).cloned().unwrap_or_default(),
            staff,
        })
        .collect())
}

/// Creates a user; `CONFLICT` when the email, employee number or
/// external id is already someone's.
pub async fn create(
    db: &DatabaseConnection,
    links: &Links,
    caller: Provisioner,
    base: &str,
    body: &Value,
) -> AppResult<Value> {
    let org = caller.organisation_id;
    let input = read(body)?;
    let today = super::today(db, org).await?;
    let txn = crate::db::begin(db, org).await?;
    unique(&txn, org, None, &input).await?;
    let id = Uuid::now_v7();
    let unit = match &input.department {
        Some(department) => super::department::unit_for(&txn, org, department).await?,
        None => super::department::top(&txn, org).await?,
    };
    let manager = manager_for(&txn, org, id, input.manager).await?;
    let employee_number = input
        .employee_number
        .clone()
        .unwrap_or_else(|| format!("SCIM-{}", &id.simple().to_string()[..12]));
    let person = staff::ActiveModel {
        id: Set(id),
        organisation_id: Set(org),
        name: Set(input.name.clone()),
        email: Set(input.email.clone()),
        employee_number: Set(employee_number),
        job_title: Set(input.job_title.clone()),
        profession: Set(String::new()),
        org_unit_id: Set(unit),
        start_date: Set(today),
        leaving_date: Set(None),
        status: Set(ACTIVE.to_owned()),
        newly_qualified: Set(false),
        probation: Set(false),
        oidc_subject: Set(None),
        holds_caseload: Set(false),
        search_name: Set(search_form(&input.name)),
        access_version: sea_orm::ActiveValue::NotSet,
    }
    .insert(&txn)
    .await?;
    Link::of(&input).write(&txn, org, id, None).await?;
    if let Some(manager) = &manager {
        allocations::hand_over(
            &txn,
            links,
            &person,
            Relationship::LineManager,
            manager,
            today,
        )
        .await?;
    }
    if !input.active {
        crate::service::leavers::mark(&txn, org, id, today).await?;
    }
    audit::record(
        &txn,
        entry(
            caller,
            "scim.user.create",
            id,
            json!({ "externalId": input.external_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    get(db, caller, base, id).await
}

/// Replaces a user with what the body says. Attributes the service does
/// not keep are ignored; the unit stays when no department is given.
pub async fn replace(
    db: &DatabaseConnection,
    links: &Links,
    caller: Provisioner,
    base: &str,
    id: Uuid,
    body: &Value,
) -> AppResult<Value> {
    let input = read(body)?;
    save(db, links, caller, id, input).await?;
    get(db, caller, base, id).await
}

// Long by design: each attribute's change, in one transaction.
async fn save(
    db: &DatabaseConnection,
    links: &Links,
    caller: Provisioner,
    id: Uuid,
    input: UserInput,
) -> AppResult<()> {
    let org = caller.organisation_id;
    let today = super::today(db, org).await?;
    let txn = crate::db::begin(db, org).await?;
    let current = load(&txn, org, id).await?;
    unique(&txn, org, Some(id), &input).await?;
    let unit = match &input.department {
        Some(department) => super::department::unit_for(&txn, org, department).await?,
        None => current.staff.org_unit_id,
    };
    let manager = manager_for(&txn, org, id, input.manager).await?;
    let mut changed = Vec::new();
    let was = &current.staff;
    let mut person: staff::ActiveModel = was.clone().into();
    if input.name != was.name {
        person.name = Set(input.name.clone());
        person.search_name = Set(search_form(&input.name));
        changed.push("name");
    }
    if input.email != was.email {
        person.email = Set(input.email.clone());
        changed.push("userName");
    }
    if input.job_title != was.job_title {
        person.job_title = Set(input.job_title.clone());
        changed.push("title");
    }
    if let Some(number) = input
        .employee_number
        .as_ref()
        .filter(|n| **n != was.employee_number)
    {
        person.employee_number = Set(number.clone());
        changed.push("employeeNumber");
    }
    if unit != was.org_unit_id {
        person.org_unit_id = Set(unit);
        changed.push("department");
    }
    let was_active = was.status == ACTIVE;
    if input.active && !was_active {
        // Back again: a rehire keeps their history.
        person.status = Set(ACTIVE.to_owned());
        person.leaving_date = Set(None);
        changed.push("active");
    }
    let person = person.update(&txn).await?;
    if !input.active && was_active {
        crate::service::leavers::mark(&txn, org, id, today).await?;
        super::group::keeps_an_administrator(&txn, org).await?;
        changed.push("active");
    }
    let was_managed_by = current.manager.as_ref().map(|(m, _)| *m);
    if input.active && manager.as_ref().map(|m| m.id) != was_managed_by {
        match &manager {
            Some(manager) => {
                allocations::hand_over(
                    &txn,
                    links,
                    &person,
                    Relationship::LineManager,
                    manager,
                    today,
                )
                .await?;
            }
            None => allocations::end_in(&txn, org, id, Relationship::LineManager, today).await?,
        }
        changed.push("manager");
    }
    if current.scim.as_ref().and_then(|s| s.external_id.clone()) != input.external_id {
        changed.push("externalId");
    }
    Link::of(&input).write(&txn, org, id, None).await?;
    if !changed.is_empty() {
        audit::record(
            &txn,
            entry(
                caller,
                "scim.user.update",
                id,
                json!({ "changed": changed }),
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Removes a user from SCIM: a leaver from today (records kept), out of
/// every group and the roles those gave, and not found from now on.
pub async fn delete(db: &DatabaseConnection, caller: Provisioner, id: Uuid) -> AppResult<()> {
    let org = caller.organisation_id;
    let today = super::today(db, org).await?;
    let txn = crate::db::begin(db, org).await?;
    let current = load(&txn, org, id).await?;
    if current.staff.status == ACTIVE {
        crate::service::leavers::mark(&txn, org, id, today).await?;
    }
    let groups: Vec<Uuid> = scim_group_member::Entity::find()
        .select_only()
        .column(scim_group_member::Column::GroupId)
        .filter(scim_group_member::Column::OrganisationId.eq(org))
        .filter(scim_group_member::Column::StaffId.eq(id))
        .into_tuple()
        .all(&txn)
        .await?;
    scim_group_member::Entity::delete_many()
        .filter(scim_group_member::Column::OrganisationId.eq(org))
        .filter(scim_group_member::Column::StaffId.eq(id))
        .exec(&txn)
        .await?;
    staff_role::Entity::delete_many()
        .filter(staff_role::Column::OrganisationId.eq(org))
        .filter(staff_role::Column::StaffId.eq(id))
        .filter(staff_role::Column::ScimGroupId.is_in(groups.clone()))
        .exec(&txn)
        .await?;
    super::group::keeps_an_administrator(&txn, org).await?;
    let link = current.scim.map(|s| Link {
        external_id: s.external_id,
        user_name: s.user_name,
        given_name: s.given_name,
        family_name: s.family_name,
    });
    link.unwrap_or_default()
        .write(&txn, org, id, Some(Utc::now()))
        .await?;
    audit::record(
        &txn,
        entry(caller, "scim.user.delete", id, json!({ "groups": groups })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What SCIM keeps of a person beyond the directory.
#[derive(Debug, Default)]
struct Link {
    external_id: Option<String>,
    user_name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
}

impl Link {
    fn of(input: &UserInput) -> Self {
        Self {
            external_id: input.external_id.clone(),
            // Kept only when it is not simply the email.
            user_name: (!input.user_name.eq_ignore_ascii_case(&input.email))
                .then(|| input.user_name.clone()),
            given_name: input.given_name.clone(),
            family_name: input.family_name.clone(),
        }
    }

    async fn write(
        self,
        txn: &DatabaseTransaction,
        org: Uuid,
        id: Uuid,
        deleted_at: Option<DateTime<Utc>>,
    ) -> AppResult<()> {
        let now = Utc::now();
        match scim_user::Entity::find_by_id(id).one(txn).await? {
            Some(link) => {
                let mut link: scim_user::ActiveModel = link.into();
                link.external_id = Set(self.external_id);
                link.user_name = Set(self.user_name);
                link.given_name = Set(self.given_name);
                link.family_name = Set(self.family_name);
                link.updated_at = Set(now);
                link.deleted_at = Set(deleted_at);
                link.update(txn).await?;
            }
            None => {
                scim_user::ActiveModel {
                    staff_id: Set(id),
                    organisation_id: Set(org),
                    external_id: Set(self.external_id),
                    user_name: Set(self.user_name),
                    given_name: Set(self.given_name),
                    family_name: Set(self.family_name),
                    created_at: Set(now),
                    updated_at: Set(now),
                    deleted_at: Set(deleted_at),
                }
                .insert(txn)
                .await?;
            }
        }
        Ok(())
    }
}

/// `CONFLICT` when another person already has the email, employee number
/// or external id.
async fn unique(
    txn: &DatabaseTransaction,
    org: Uuid,
    except: Option<Uuid>,
    input: &UserInput,
) -> AppResult<()> {
    let others = |condition: Condition| {
        let mut query = staff::Entity::find()
            .filter(staff::Column::OrganisationId.eq(org))
            .filter(condition);
        if let Some(id) = except {
            query = query.filter(staff::Column::Id.ne(id));
        }
        query
    };
    if others(user_name_is(org, &input.user_name))
        .one(txn)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "{} is already the userName of someone here.",
            input.user_name
        )));
    }
    let email = Expr::expr(Func::lower(Expr::col((
        staff::Entity,
        staff::Column::Email,
    ))))
    .eq(input.email.clone());
    if others(Condition::all().add(email))
        .one(txn)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "{} is already someone else's work email.",
            input.email
        )));
    }
    if let Some(number) = &input.employee_number
        && others(Condition::all().add(staff::Column::EmployeeNumber.eq(number.clone())))
            .one(txn)
            .await?
            .is_some()
    {
        return Err(AppError::Conflict(format!(
            "Employee number {number} is already someone else's."
        )));
    }
    if let Some(external) = &input.external_id {
        let mut query = scim_user::Entity::find()
            .filter(scim_user::Column::OrganisationId.eq(org))
            .filter(scim_user::Column::ExternalId.eq(external.clone()));
        if let Some(id) = except {
            query = query.filter(scim_user::Column::StaffId.ne(id));
        }
        if query.one(txn).await?.is_some() {
            return Err(AppError::Conflict(format!(
                "externalId {external} is already someone else's."
            )));
        }
    }
    Ok(())
}

/// The manager named, who must work here now and not be the person.
async fn manager_for(
    txn: &DatabaseTransaction,
    org: Uuid,
    person: Uuid,
    manager: Option<Uuid>,
) -> AppResult<Option<staff::Model>> {
    let Some(manager) = manager else {
        return Ok(None);
    };
    let found = staff::Entity::find_by_id(manager)
        .filter(staff::Column::OrganisationId.eq(org))
        .filter(staff::Column::Status.eq(ACTIVE))
        .one(txn)
        .await?;
    match found {
        Some(found) if found.id != person => Ok(Some(found)),
        _ => Err(AppError::invalid(
            "manager",
            "manager.value must be the id of someone else who works here now.",
        )),
    }
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
        subject_type: "staff",
        subject_id: Some(id),
        detail,
    }
}

/// The ids among `ids` that are users of the organisation (for group
/// members).
pub async fn existing(
    txn: &impl sea_orm::ConnectionTrait,
    org: Uuid,
    ids: &[Uuid],
) -> AppResult<HashSet<Uuid>> {
    Ok(staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .filter(visible(org))
        .filter(staff::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<Uuid>()
        .all(txn)
        .await?
        .into_iter()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entra_ids_create_body_is_read_with_its_string_boolean_and_extension() -> AppResult<()> {
        let input = read(&json!({
            "schemas": [USER, ENTERPRISE_USER],
            "externalId": "0a1b",
            "userName": "Tom.Reed@Riverside.test",
            "active": "True",
            "name": { "givenName": "Tom", "familyName": "Reed" },
            "title": "Community Nurse",
            ENTERPRISE_USER: { "employeeNumber": "E100", "department": "Team A" },
        }))?;
        assert_eq!(input.user_name, "Tom.Reed@Riverside.test");
        assert_eq!(input.email, "tom.reed@riverside.test");
        assert_eq!(input.name, "Tom Reed");
        assert!(input.active);
        assert_eq!(input.employee_number.as_deref(), Some("E100"));
        assert_eq!(input.department.as_deref(), Some("Team A"));
        Ok(())
    }

    #[test]
    fn a_user_without_an_email_or_a_name_is_refused_field_by_field() {
        let Err(AppError::Validation(errors)) =
            read(&json!({ "userName": "tom", "active": "maybe" }))
        else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["emails", "displayName", "active"]);
    }
}
