//! Setting up an organisation (F2): what a trust or council has on its first
//! day, before its people are imported. Its policy starts as the policies'
//! defaults written as rules (so the policy rules page shows what applies,
//! and a head of service changes them like any other rule), its days are
//! judged in its own time zone, its tree has a top unit, and one named
//! person can sign in as its first system administrator. Another
//! organisation on the same deployment is set up the same way and shares
//! nothing with it.

pub mod settings;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, Set,
};
use supervision_shared::{FieldError, Role};
use uuid::Uuid;

use crate::entity::{org_unit, organisation, policy_rule, staff, staff_role};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::ACTIVE;
use crate::service::{clock, compliance};

/// What setting up an organisation asks for.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    /// Its name, as staff know it ("Northfield Health and Care NHS Trust").
    pub name: String,
    /// The IANA time zone its days are judged in (default `Europe/London`).
    pub time_zone: Option<String>,
    /// The first system administrator: the person who signs in first and
    /// grants everyone else's roles.
    pub administrator: NewPerson,
    /// How its people sign in.
    pub sign_in: SignInSettings,
}

/// An organisation's sign-in settings: on a deployment several share, a
/// sign-in counts only for the organisation whose settings admit it.
#[derive(Debug, Clone, Default)]
pub struct SignInSettings {
    /// The identity provider tenant its people sign in from (Entra ID's
    /// tenant id, the `tid` claim).
    pub identity_tenant: Option<String>,
    /// Its own email domains, e.g. `northfield.nhs.uk`.
    pub email_domains: Vec<String>,
}

impl SignInSettings {
    /// The domains, trimmed and in lower case, as stored.
    fn domains(&self) -> Vec<String> {
        self.email_domains
            .iter()
            .map(|d| d.trim().trim_start_matches('@').to_lowercase())
            .filter(|d| !d.is_empty())
            .collect()
    }
}

/// A person named at set-up, before any HR import.
#[derive(Debug, Clone)]
pub struct NewPerson {
    /// Full name.
    pub name: String,
    /// Work email: single sign-on finds them by it on first sign-in.
    pub email: String,
    /// Their number in the HR system, so the first import recognises them.
    pub employee_number: String,
}

/// What was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetUp {
    /// The organisation.
    pub organisation_id: Uuid,
    /// The top of its unit tree (named after it).
    pub top_unit_id: Uuid,
    /// Its first system administrator.
    pub administrator_id: Uuid,
}

/// Sets an organisation up in one transaction, or says what is wrong with
/// the request and writes nothing.
// Long by design: one transaction read top to bottom (the organisation,
// its rules, its top unit, its administrator and their role, the audit).
pub async fn set_up(
    db: &DatabaseConnection,
    new: NewOrganisation,
    today: NaiveDate,
) -> AppResult<SetUp> {
    let time_zone = new
        .time_zone
        .as_deref()
        .map(str::trim)
        .filter(|zone| !zone.is_empty())
        .unwrap_or(clock::DEFAULT_ZONE.name())
        .to_owned();
    check(db, &new, &time_zone).await?;
    let name = new.name.trim().to_owned();
    let set_up = SetUp {
        organisation_id: Uuid::now_v7(),
        top_unit_id: Uuid::now_v7(),
        administrator_id: Uuid::now_v7(),
    };
    let txn = crate::db::begin(db, set_up.organisation_id).await?;
    organisation::ActiveModel {
        id: Set(set_up.organisation_id),
        name: Set(name.clone()),
        created_at: Set(Utc::now()),
        time_zone: Set(time_zone.clone()),
        identity_tenant: Set(new
            .sign_in
            .identity_tenant
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)),
        email_domains: Set(Some(new.sign_in.domains().join(",")).filter(|d| !d.is_empty())),
    }
    .insert(&txn)
    .await?;
    // From long before anyone's first session, so every past date is judged
    // by a rule written down.
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(today);
    policy_rule::Entity::insert_many(
        compliance::policy::default_rules(set_up.organisation_id, from)
            .into_iter()
            .map(IntoActiveModel::into_active_model),
    )
    .exec_without_returning(&txn)
    .await?;
    for plan in supervision_shared::schedule::default_plans(from) {
        compliance::schedule::write(&txn, set_up.organisation_id, &plan).await?;
    }
    crate::service::agreement::headings::write_defaults(&txn, set_up.organisation_id).await?;
    org_unit::ActiveModel {
        id: Set(set_up.top_unit_id),
        organisation_id: Set(set_up.organisation_id),
        parent_id: Set(None),
        name: Set(name.clone()),
        level: Set("organisation".to_owned()),
        opened_on: Set(None),
        closed_on: Set(None),
    }
    .insert(&txn)
    .await?;
    let admin = &new.administrator;
    staff::ActiveModel {
        id: Set(set_up.administrator_id),
        organisation_id: Set(set_up.organisation_id),
        name: Set(admin.name.trim().to_owned()),
        email: Set(admin.email.trim().to_lowercase()),
        employee_number: Set(admin.employee_number.trim().to_owned()),
        job_title: Set("System administrator".to_owned()),
        profession: Set(String::new()),
        org_unit_id: Set(set_up.top_unit_id),
        start_date: Set(today),
        leaving_date: Set(None),
        status: Set(ACTIVE.to_owned()),
        newly_qualified: Set(false),
        probation: Set(false),
        oidc_subject: Set(None),
        holds_caseload: Set(false),
        search_name: Set(crate::service::names::search_form(&admin.name)),
        access_version: sea_orm::ActiveValue::NotSet,
    }
    .insert(&txn)
    .await?;
    staff_role::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(set_up.organisation_id),
        staff_id: Set(set_up.administrator_id),
        role: Set(Role::SystemAdmin),
        org_unit_id: Set(None),
        granted_by: Set(None),
        granted_at: Set(Some(Utc::now())),
        scim_group_id: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            organisation_id: set_up.organisation_id,
            actor_id: None,
            action: "organisation.set_up",
            subject_type: "organisation",
            subject_id: Some(set_up.organisation_id),
            detail: serde_json::json!({
                "name": name,
                "timeZone": time_zone,
                "administrator": set_up.administrator_id,
                "identityTenant": new.sign_in.identity_tenant,
                "emailDomains": new.sign_in.domains(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(set_up)
}

/// An organisation by its id or its exact name.
pub async fn find(db: &DatabaseConnection, id_or_name: &str) -> AppResult<Option<Uuid>> {
    let by = match id_or_name.trim().parse::<Uuid>() {
        Ok(id) => organisation::Column::Id.eq(id),
        Err(_) => organisation::Column::Name.eq(id_or_name.trim()),
    };
    Ok(organisation::Entity::find()
        .filter(by)
        .one(db)
        .await?
        .map(|o| o.id))
}

/// Every problem with the request at once, by field.
async fn check(db: &DatabaseConnection, new: &NewOrganisation, zone: &str) -> AppResult<()> {
    let mut errors = Vec::new();
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            "Give the organisation's name, up to 200 characters.",
        ));
    } else if organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .count(db)
        .await?
        > 0
    {
        errors.push(FieldError::new(
            "name",
            "An organisation of that name is already set up on this service.",
        ));
    }
    if zone.parse::<chrono_tz::Tz>().is_err() {
        errors.push(FieldError::new(
            "timeZone",
            "Give a time zone by its IANA name, for example Europe/London.",
        ));
    }
    let admin = &new.administrator;
    if admin.name.trim().is_empty() {
        errors.push(FieldError::new(
            "administrator.name",
            "Give the administrator's full name.",
        ));
    }
    let email = admin.email.trim();
    if !looks_like_email(email) {
        errors.push(FieldError::new(
            "administrator.email",
            "Give the administrator's work email address, like name@trust.nhs.uk.",
        ));
    }
    let domains = new.sign_in.domains();
    if domains
        .iter()
        .any(|d| !d.contains('.') || d.contains(['@', ',', ' ']) || d.starts_with('.'))
    {
        errors.push(FieldError::new(
            "emailDomains",
            "Give each email domain on its own, like northfield.nhs.uk.",
        ));
    } else if !domains.is_empty()
        && !email
            .rsplit_once('@')
            .is_some_and(|(_, d)| domains.contains(&d.to_lowercase()))
    {
        errors.push(FieldError::new(
            "administrator.email",
            "The administrator's email must be in one of the organisation's email domains, or they could not sign in.",
        ));
    }
    if admin.employee_number.trim().is_empty() {
        errors.push(FieldError::new(
            "administrator.employeeNumber",
            "Give the administrator's employee number from the HR system.",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// One `@` with something either side and a dot in the domain: enough to
/// catch a name typed in the wrong box; the provider proves the rest.
pub(crate) fn looks_like_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !text.contains(char::is_whitespace)
            && !domain.contains('@')
    })
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn an_email_needs_a_local_part_and_a_domain_with_a_dot() {
        assert!(looks_like_email("ruth.adeyemi@northfield.nhs.uk"));
        assert!(!looks_like_email("Ruth Adeyemi"));
        assert!(!looks_like_email("ruth@localhost"));
        assert!(!looks_like_email("@nhs.uk"));
        assert!(!looks_like_email("ruth @nhs.uk"));
        assert!(!looks_like_email("ruth@nhs.uk@x.org"));
    }
}
