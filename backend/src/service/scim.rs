//! Provisioning from the identity provider over SCIM 2.0 (RFC 7643, 7644):
//! Microsoft Entra ID or Okta keeps the directory's staff and role groups
//! in step, authenticated by a bearer token of the organisation's. Every
//! change is audited with the token that made it.
//!
//! | file | what it does |
//! | --- | --- |
//! | [`token`] | the bearer tokens: made, listed, revoked, presented |
//! | [`schema`] | what the service says about itself: schemas, resource types, features |
//! | [`user`] | staff as SCIM users: read, filter, create, replace, patch, delete |
//! | [`group`] | groups, whose names may stand for roles |
//! | [`patch`] | `PATCH` operations applied to a resource's JSON, in the forms Entra ID sends |
//! | [`department`] | the unit a `department` names |

pub mod department;
pub mod group;
pub mod patch;
pub mod schema;
pub mod token;
pub mod user;

use chrono::{NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::Value;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::service::notify::Links;
use token::Provisioner;

/// The two kinds of resource, which the endpoint treats alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Staff.
    User,
    /// Groups.
    Group,
}

impl Resource {
    /// A page of them, filtered.
    pub async fn list(
        self,
        db: &DatabaseConnection,
        caller: Provisioner,
        base: &str,
        filter: Option<&str>,
        page: Page,
    ) -> AppResult<Value> {
        match self {
            Self::User => user::list(db, caller, base, filter, page).await,
            Self::Group => group::list(db, caller, base, filter, page).await,
        }
    }

    /// One.
    pub async fn get(
        self,
        db: &DatabaseConnection,
        caller: Provisioner,
        base: &str,
        id: Uuid,
    ) -> AppResult<Value> {
        match self {
            Self::User => user::get(db, caller, base, id).await,
            Self::Group => group::get(db, caller, base, id).await,
        }
    }

    /// Creates one from a body.
    pub async fn create(
        self,
        db: &DatabaseConnection,
        links: &Links,
        caller: Provisioner,
        base: &str,
        body: &Value,
    ) -> AppResult<Value> {
        match self {
            Self::User => user::create(db, links, caller, base, body).await,
            Self::Group => group::create(db, caller, base, body).await,
        }
    }

    /// Replaces one with a body.
    pub async fn replace(
        self,
        db: &DatabaseConnection,
        links: &Links,
        caller: Provisioner,
        base: &str,
        id: Uuid,
        body: &Value,
    ) -> AppResult<Value> {
        match self {
            Self::User => user::replace(db, links, caller, base, id, body).await,
            Self::Group => group::replace(db, caller, base, id, body).await,
        }
    }

    /// Applies a `PatchOp`: to the resource's JSON, then saved as a
    /// replace, so a patch can do nothing a replace could not.
    pub async fn patch(
        self,
        db: &DatabaseConnection,
        links: &Links,
        caller: Provisioner,
        base: &str,
        id: Uuid,
        body: &Value,
    ) -> AppResult<Value> {
        let operations = patch::parse(body)?;
        let mut resource = self.get(db, caller, base, id).await?;
        patch::apply(&mut resource, &operations)?;
        self.replace(db, links, caller, base, id, &resource).await
    }

    /// Deletes one.
    pub async fn delete(
        self,
        db: &DatabaseConnection,
        caller: Provisioner,
        id: Uuid,
    ) -> AppResult<()> {
        match self {
            Self::User => user::delete(db, caller, id).await,
            Self::Group => group::delete(db, caller, id).await,
        }
    }
}

/// Which part of a list to answer with: `startIndex` counts from 1.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// The first resource, from 1.
    pub start_index: u64,
    /// How many at most.
    pub count: u64,
}

impl Page {
    /// From the query string's values, within the service's limits.
    pub fn new(start_index: Option<i64>, count: Option<i64>) -> Self {
        Self {
            start_index: u64::try_from(start_index.unwrap_or(1).max(1)).unwrap_or(1),
            count: u64::try_from(count.unwrap_or(100).clamp(0, schema::MAX_RESULTS as i64))
                .unwrap_or(100),
        }
    }
}

/// An attribute of a JSON object, its name in any case (SCIM names are
/// case-insensitive).
fn field<'a>(object: &'a Value, name: &str) -> Option<&'a Value> {
    object
        .as_object()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

/// A string attribute, trimmed; none when absent, null or blank.
fn text(object: &Value, name: &str) -> Option<String> {
    field(object, name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A boolean, also as the strings Entra ID sends ("True", "False").
fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// The organisation's today, in its time zone.
async fn today(db: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<NaiveDate> {
    let zone = crate::service::clock::zone_of(db, organisation_id).await?;
    Ok(crate::service::clock::today_in(zone, Utc::now()))
}

/// A resource's id from the path; anything else names nothing.
pub fn resource_id(text: &str) -> AppResult<Uuid> {
    text.parse().map_err(|_| AppError::NotFound)
}
