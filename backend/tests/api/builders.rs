//! Builders that make exactly the world a test needs, in an organisation of
//! its own beside the demo ones (in the spirit of crates.io's `TestApp` and
//! `CrateBuilder`). A test built this way reads as what it sets up, and does
//! not depend on whom the demo seed happens to hold or what history it made
//! up for them; the demo seed stays for the demo and the browser tests.
//!
//! ```ignore
//! let org = app.organisation("Riverside").await;
//! let team = org.team("Community Nursing").await;
//! let priya = org.person("Priya Shah").in_unit(team).create().await;
//! let tom = org.person("Tom Reed").in_unit(team).clinical_supervisor(&priya).create().await;
//! org.record(&priya).with(&[&tom]).held_on(day).create().await;
//! ```
//!
//! Rows are written the way the product writes them: people, units and
//! roles straight into the directory tables (as an HR import would), and
//! records through the API as their recorder, so every derived table and
//! rule is exercised as in production.

use std::sync::atomic::{AtomicU32, Ordering};

use backend::entity::{allocation, org_unit, staff, staff_role};
use backend::service::organisation::{self, NewOrganisation, NewPerson};
use chrono::{Days, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};
use supervision_shared::Role;
use uuid::Uuid;

use crate::helpers::{Client, RECORD, TestApp};

/// An organisation of the test's own: its own policy defaults, time zone and
/// top unit, and nothing else until the test adds it.
pub struct Organisation<'a> {
    app: &'a TestApp,
    /// Its id.
    pub id: Uuid,
    /// The unit at the top of its tree.
    pub top: Uuid,
    /// Its first system administrator.
    pub administrator: Person,
    slug: String,
    people: AtomicU32,
}

impl TestApp {
    /// A new organisation named `name`, set up as a real one is (judged
    /// in UK time, the policies' default rules, a top unit, and a first
    /// system administrator, [`Organisation::administrator`]).
    pub async fn organisation(&self, name: &str) -> Organisation<'_> {
        let slug = name.to_lowercase().replace(' ', "-");
        let administrator = NewPerson {
            name: "Ada Admin".to_owned(),
            email: format!("ada.admin@{slug}.test"),
            employee_number: "A00001".to_owned(),
        };
        let set_up = organisation::set_up(
            &self.db,
            NewOrganisation {
                name: name.to_owned(),
                time_zone: None,
                administrator: administrator.clone(),
                sign_in: Default::default(),
            },
            Utc::now().date_naive(),
        )
        .await
        .expect("set up the organisation");
        Organisation {
            app: self,
            id: set_up.organisation_id,
            top: set_up.top_unit_id,
            administrator: Person {
                id: set_up.administrator_id,
                email: administrator.email,
                name: administrator.name,
            },
            slug,
            people: AtomicU32::new(0),
        }
    }

    /// A client signed in as someone a builder made.
    pub async fn sign_in_as(&self, person: &Person) -> Client {
        self.sign_in(&person.email).await
    }
}

fn unit(
    organisation_id: Uuid,
    id: Uuid,
    parent_id: Option<Uuid>,
    name: &str,
    level: &str,
) -> org_unit::ActiveModel {
    org_unit::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation_id),
        parent_id: Set(parent_id),
        name: Set(name.to_owned()),
        level: Set(level.to_owned()),
        opened_on: Set(None),
        closed_on: Set(None),
    }
}

/// Someone a builder made.
#[derive(Debug, Clone)]
pub struct Person {
    /// Their staff id.
    pub id: Uuid,
    /// Their work email (what the test signs in with).
    pub email: String,
    /// Their name.
    pub name: String,
}

impl Organisation<'_> {
    /// A team directly under the top unit.
    pub async fn team(&self, name: &str) -> Uuid {
        self.unit_under(self.top, name, "team").await
    }

    /// A unit under `parent` at `level` (division, service or team).
    pub async fn unit_under(&self, parent: Uuid, name: &str, level: &str) -> Uuid {
        let id = Uuid::now_v7();
        unit(self.id, id, Some(parent), name, level)
            .insert(&self.app.db)
            .await
            .expect("create the unit");
        id
    }

    /// A member of staff, to be described and then created.
    pub fn person(&self, name: &str) -> PersonBuilder<'_, '_> {
        let n = self.people.fetch_add(1, Ordering::Relaxed) + 1;
        PersonBuilder {
            org: self,
            name: name.to_owned(),
            email: format!(
                "{}.{n}@{}.test",
                name.to_lowercase().replace(' ', "."),
                self.slug
            ),
            employee_number: format!("T{n:05}"),
            unit: self.top,
            profession: "Nursing".to_owned(),
            start_date: Utc::now().date_naive() - Days::new(730),
            leaving_date: None,
            newly_qualified: false,
            holds_caseload: false,
            roles: Vec::new(),
            managers: Vec::new(),
        }
    }

    /// A record to be described and then saved by `recorder`.
    pub fn record<'o>(&'o self, recorder: &Person) -> RecordBuilder<'o> {
        RecordBuilder {
            app: self.app,
            recorder: recorder.clone(),
            input: json!({
                "kind": "CLINICAL_ONE_TO_ONE",
                "approach": "STRUCTURED_REFLECTION",
                "heldOn": Utc::now().date_naive(),
                "durationMinutes": 60,
                "mode": "FACE_TO_FACE",
                "location": "Team base",
                "superviseeIds": [],
                "experience": "A visit that went differently from the plan.",
                "reflection": "",
                "analysis": "",
                "actionPlan": "",
                "notes": "",
                "functions": ["SUPPORTIVE"],
                "actions": []
            }),
        }
    }
}

/// A member of staff being described.
pub struct PersonBuilder<'o, 'a> {
    org: &'o Organisation<'a>,
    name: String,
    email: String,
    employee_number: String,
    unit: Uuid,
    profession: String,
    start_date: NaiveDate,
    leaving_date: Option<NaiveDate>,
    newly_qualified: bool,
    holds_caseload: bool,
    roles: Vec<(Role, Option<Uuid>)>,
    managers: Vec<(&'static str, Uuid)>,
}

impl PersonBuilder<'_, '_> {
    /// Their team (by default the top unit).
    pub fn in_unit(mut self, unit: Uuid) -> Self {
        self.unit = unit;
        self
    }

    /// Their profession (by default nursing).
    pub fn profession(mut self, profession: &str) -> Self {
        self.profession = profession.to_owned();
        self
    }

    /// The day they started (by default two years ago).
    pub fn started(mut self, day: NaiveDate) -> Self {
        self.start_date = day;
        self
    }

    /// Left on this day (a leaver from then on; in the reports of the days
    /// they were employed).
    pub fn left(mut self, day: NaiveDate) -> Self {
        self.leaving_date = Some(day);
        self
    }

    /// Newly qualified (on the preceptorship or ASYE schedule).
    pub fn newly_qualified(mut self) -> Self {
        self.newly_qualified = true;
        self
    }

    /// Holds a caseload, so case supervision applies to them.
    pub fn with_caseload(mut self) -> Self {
        self.holds_caseload = true;
        self
    }

    /// A role granted in the directory; `scope` is the unit a senior
    /// manager's role covers.
    pub fn role(mut self, role: Role, scope: Option<Uuid>) -> Self {
        self.roles.push((role, scope));
        self
    }

    /// Their line manager, from their start date.
    pub fn line_manager(mut self, manager: &Person) -> Self {
        self.managers.push(("line_manager", manager.id));
        self
    }

    /// Their clinical supervisor, from their start date.
    pub fn clinical_supervisor(mut self, supervisor: &Person) -> Self {
        self.managers.push(("clinical_supervisor", supervisor.id));
        self
    }

    /// Writes them into the directory.
    pub async fn create(self) -> Person {
        let db = &self.org.app.db;
        let id = Uuid::now_v7();
        staff::ActiveModel {
            id: Set(id),
            organisation_id: Set(self.org.id),
            name: Set(self.name.clone()),
            email: Set(self.email.clone()),
            employee_number: Set(self.employee_number),
            job_title: Set(format!("{} practitioner", self.profession)),
            profession: Set(self.profession),
            org_unit_id: Set(self.unit),
            start_date: Set(self.start_date),
            leaving_date: Set(self.leaving_date),
            status: Set(match self.leaving_date {
                Some(left) if left <= Utc::now().date_naive() => "leaver".to_owned(),
                _ => backend::service::directory::ACTIVE.to_owned(),
            }),
            newly_qualified: Set(self.newly_qualified),
            probation: Set(false),
            oidc_subject: Set(None),
            holds_caseload: Set(self.holds_caseload),
            search_name: Set(backend::service::names::search_form(&self.name)),
            access_version: sea_orm::ActiveValue::NotSet,
        }
        .insert(db)
        .await
        .expect("create the person");
        for (role, scope) in self.roles {
            staff_role::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(self.org.id),
                staff_id: Set(id),
                role: Set(role),
                org_unit_id: Set(scope),
                granted_by: Set(None),
                granted_at: Set(None),
                scim_group_id: Set(None),
            }
            .insert(db)
            .await
            .expect("grant the role");
        }
        for (relationship, to) in self.managers {
            allocation::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(self.org.id),
                staff_id: Set(id),
                relationship: Set(relationship.to_owned()),
                allocated_to_id: Set(to),
                effective_from: Set(self.start_date),
                effective_to: Set(None),
            }
            .insert(db)
            .await
            .expect("allocate the manager");
        }
        Person {
            id,
            email: self.email,
            name: self.name,
        }
    }
}

/// A record being described: by default a one-to-one clinical session held
/// today, with a line of experience.
pub struct RecordBuilder<'a> {
    app: &'a TestApp,
    recorder: Person,
    input: Value,
}

impl RecordBuilder<'_> {
    /// The people supervised.
    pub fn with(mut self, supervisees: &[&Person]) -> Self {
        self.input["superviseeIds"] = json!(supervisees.iter().map(|p| p.id).collect::<Vec<_>>());
        self
    }

    /// The kind (an API value, e.g. `LINE_MANAGEMENT`); kinds without an
    /// approach are sent without one.
    pub fn kind(mut self, kind: &str) -> Self {
        self.input["kind"] = json!(kind);
        if !matches!(kind, "CLINICAL_ONE_TO_ONE" | "CLINICAL_GROUP") {
            self.input["approach"] = Value::Null;
        }
        self
    }

    /// The cases discussed (as the API takes them).
    pub fn cases(mut self, cases: Value) -> Self {
        self.input["cases"] = cases;
        self
    }

    /// The day it was held.
    pub fn held_on(mut self, day: NaiveDate) -> Self {
        self.input["heldOn"] = json!(day);
        self
    }

    /// Saves it through the API as the recorder; its id.
    pub async fn create(self) -> Uuid {
        let body = self
            .app
            .sign_in_as(&self.recorder)
            .await
            .gql(RECORD, json!({ "input": self.input }))
            .await;
        assert!(body["errors"].is_null(), "recording failed: {body}");
        body["data"]["recordSupervision"]["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .expect("the new record's id")
    }
}
