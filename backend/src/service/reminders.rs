//! Reminders and escalation (F5.7). Once a day, for everyone allocated a
//! clinical supervisor or a line manager: when that kind of supervision is
//! due soon or overdue, the supervisee and the supervisor are reminded; once
//! it has been overdue longer than the grace period, the supervisee's line
//! manager is told too. Every message goes through the email outbox with a
//! key naming the person, the kind, the due date, the stage and the
//! recipient, so running the job twice, or again after a crash half-way,
//! sends nobody the same reminder twice. Supervision agreements falling due
//! for review are flagged to both parties the same way
//! ([`agreement_review`]), and those who have not answered the annual
//! questionnaire are reminded once ([`questionnaire`]).

mod agreement_review;
mod questionnaire;

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use supervision_shared::compliance::CategoryStanding;
use supervision_shared::{ComplianceCategory, ComplianceStatus};
use uuid::Uuid;

use crate::entity::{allocation, organisation, staff};
use crate::error::AppResult;
use crate::service::directory::{ACTIVE, Relationship, allocation_current_on};
use crate::service::notify::Links;
use crate::service::outbox::{self, Mail};

/// The stage a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    DueSoon,
    Overdue,
    Escalation,
}

impl Stage {
    fn key(self) -> &'static str {
        match self {
            Self::DueSoon => "due_soon",
            Self::Overdue => "overdue",
            Self::Escalation => "escalation",
        }
    }
}

/// Runs the reminders for every organisation as at `today`; returns how
/// many new messages were put in the outbox.
pub async fn run(
    db: &DatabaseConnection,
    links: &Links,
    today: NaiveDate,
    grace_days: i64,
) -> AppResult<usize> {
    // (On a given day for every organisation: the tests' way in.)
    let mut added = 0;
    for org in organisation::Entity::find().all(db).await? {
        added += run_for(db, links, org.id, today, grace_days).await?;
    }
    Ok(added)
}

/// [`run`] at the instant `now`: each organisation on its own today, in its
/// own time zone (the daily job and `supervision reminders`).
pub async fn run_now(
    db: &DatabaseConnection,
    links: &Links,
    now: chrono::DateTime<chrono::Utc>,
    grace_days: i64,
) -> AppResult<usize> {
    let mut added = 0;
    for (organisation_id, zone) in crate::service::clock::zones(db).await? {
        let today = crate::service::clock::today_in(zone, now);
        added += run_for(db, links, organisation_id, today, grace_days).await?;
    }
    Ok(added)
}

async fn run_for(
    db: &DatabaseConnection,
    links: &Links,
    organisation_id: Uuid,
    today: NaiveDate,
    grace_days: i64,
) -> AppResult<usize> {
    let (provider, line_manager) = providers(db, organisation_id, today).await?;
    let staff: HashMap<Uuid, staff::Model> = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let people = crate::service::compliance::cohort::Cohort::of_organisation(db, organisation_id)
        .await?
        .reports(db, today)
        .await?;
    // A reminder names the session already booked, rather than asking for
    // one to be arranged.
    let booked = crate::service::booking::next_booked(db, organisation_id, None, None).await?;
    let zone = crate::service::clock::zone_of(db, organisation_id).await?;

    let mut mails = Vec::new();
    for report in &people {
        let Some(person) = staff.get(&report.person.id) else {
            continue;
        };
        for standing in &report.standings {
            let Some(&supervisor) = provider.get(&(person.id, standing.category)) else {
                continue;
            };
            let Some((stage, due, overdue_days)) = stage_of(standing, person.start_date, today)
            else {
                continue;
            };
            let mut recipients = vec![(person.id, stage), (supervisor, stage)];
            if stage == Stage::Overdue
                && overdue_days > grace_days
                && let Some(&manager) = line_manager.get(&person.id)
            {
                recipients.push((manager, Stage::Escalation));
            }
            let supervisor_name = staff
                .get(&supervisor)
                .map_or("your supervisor", |s| s.name.as_str());
            let next_session = booked.get(&(supervisor, person.id)).map(|starts| {
                starts
                    .with_timezone(&zone)
                    .format("%A %-d %B %Y at %H:%M")
                    .to_string()
            });
            for (recipient, stage) in recipients {
                if let Some(to) = staff.get(&recipient) {
                    mails.push(reminder(
                        links,
                        Reminder {
                            stage,
                            category: standing.category,
                            person,
                            to,
                            supervisor,
                            supervisor_name,
                            due,
                            next_session: next_session.as_deref(),
                        },
                    ));
                }
            }
        }
    }
    mails.extend(agreement_review::mails(db, links, organisation_id, today, &staff).await?);
    mails.extend(questionnaire::mails(db, links, organisation_id, today, &staff).await?);
    let count = mails.len();
    // The dedupe keys make this a no-op for anything already sent or queued.
    let before = outbox_count(db, organisation_id).await?;
    for chunk in mails.chunks(200) {
        outbox::enqueue(db, chunk.to_vec()).await?;
    }
    let after = outbox_count(db, organisation_id).await?;
    tracing::info!(organisation = %organisation_id, considered = count, added = after - before, "reminders");
    Ok(after.saturating_sub(before))
}

/// Who provides which kind of supervision to whom today, and each person's
/// line manager (who hears when a lapse goes past the grace period).
async fn providers(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    today: NaiveDate,
) -> AppResult<(
    HashMap<(Uuid, ComplianceCategory), Uuid>,
    HashMap<Uuid, Uuid>,
)> {
    let mut provider = HashMap::new();
    let mut line_manager = HashMap::new();
    for a in allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(organisation_id))
        .filter(allocation_current_on(today))
        .all(db)
        .await?
    {
        let Some(relationship) = Relationship::parse(&a.relationship) else {
            continue;
        };
        if relationship == Relationship::LineManager {
            line_manager.insert(a.staff_id, a.allocated_to_id);
        }
        let category = relationship.category();
        provider.insert((a.staff_id, category), a.allocated_to_id);
    }
    Ok((provider, line_manager))
}

/// Which reminder a standing calls for today, with the day it was due and
/// how many days ago that was; none for someone in date. Someone never
/// supervised is due from their first day.
fn stage_of(
    standing: &CategoryStanding,
    started: NaiveDate,
    today: NaiveDate,
) -> Option<(Stage, NaiveDate, i64)> {
    let due = supervision_shared::compliance::falls_due(standing, started)?;
    let overdue_days = (today - due).num_days();
    let stage = match standing.status {
        ComplianceStatus::DueSoon => Stage::DueSoon,
        ComplianceStatus::Overdue | ComplianceStatus::NeverHad if overdue_days > 0 => {
            Stage::Overdue
        }
        _ => return None,
    };
    Some((stage, due, overdue_days))
}

async fn outbox_count(db: &DatabaseConnection, organisation_id: Uuid) -> AppResult<usize> {
    use sea_orm::PaginatorTrait;
    let n = crate::entity::outbox_message::Entity::find()
        .filter(crate::entity::outbox_message::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// What one reminder is about, and to whom.
struct Reminder<'a> {
    stage: Stage,
    category: ComplianceCategory,
    /// Whose supervision.
    person: &'a staff::Model,
    /// Who is told.
    to: &'a staff::Model,
    /// Who supervises them in this, and their name.
    supervisor: Uuid,
    supervisor_name: &'a str,
    due: NaiveDate,
    /// The next session their supervisor has booked with them, in words
    /// on the organisation's clock.
    next_session: Option<&'a str>,
}

fn reminder(links: &Links, r: Reminder<'_>) -> Mail {
    let Reminder {
        stage,
        category,
        person,
        to,
        supervisor,
        supervisor_name,
        due,
        next_session,
    } = r;
    let kind = match category {
        ComplianceCategory::Clinical => "clinical supervision",
        ComplianceCategory::Management => "management supervision",
        ComplianceCategory::Case => "case supervision",
    };
    let due_text = due.format("%-d %B %Y");
    let about_you = to.id == person.id;
    let whose = if about_you {
        "Your".to_owned()
    } else {
        format!("{}'s", person.name)
    };
    let (subject, opening) = match stage {
        Stage::DueSoon => (
            format!("{whose} {kind} is due by {due_text}"),
            format!("{whose} {kind} is due by {due_text}."),
        ),
        Stage::Overdue => (
            format!("{whose} {kind} is overdue"),
            format!("{whose} {kind} was due by {due_text} and is now overdue."),
        ),
        Stage::Escalation => (
            format!("Escalation: {}'s {kind} is overdue", person.name),
            format!(
                "{}'s {kind} was due by {due_text} and is still overdue. You are told as their line manager.",
                person.name
            ),
        ),
    };
    let action = match (next_session, about_you) {
        (Some(when), true) => format!(
            "A session with {supervisor_name} is booked for {when}: it is in your calendar."
        ),
        (Some(when), false) if to.id == supervisor => format!(
            "You have booked a session with {} for {when}; record it once it has taken place.",
            person.name
        ),
        (Some(when), false) => format!("A session with {supervisor_name} is booked for {when}."),
        (None, true) => format!("Please arrange it with {supervisor_name}."),
        (None, false) => "Please arrange it, or record it if it has taken place.".to_owned(),
    };
    Mail {
        calendar: None,
        organisation_id: person.organisation_id,
        recipient_id: to.id,
        to_address: to.email.clone(),
        subject,
        body: format!(
            "Dear {},\n\n{opening} {action}\n\n{}\n",
            to.name, links.public_url
        ),
        dedupe_key: Some(format!(
            "reminder:{}:{}:{}:{}:{}",
            stage.key(),
            person.id,
            category.as_str(),
            due,
            to.id
        )),
    }
}
