//! Agreement reviews (F6.2): an agreement in force whose review falls due
//! within a month, or has passed, is flagged to both its parties by email,
//! once per stage and review date (the outbox's dedupe keys), as the
//! supervision reminders are.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use supervision_shared::agreement::REVIEW_DUE_SOON_DAYS;
use uuid::Uuid;

use crate::entity::{agreement, staff};
use crate::error::AppResult;
use crate::service::notify::Links;
use crate::service::outbox::Mail;

/// The reminders due today about the organisation's agreements in force.
pub async fn mails(
    db: &DatabaseConnection,
    links: &Links,
    organisation_id: Uuid,
    today: NaiveDate,
    staff: &HashMap<Uuid, staff::Model>,
) -> AppResult<Vec<Mail>> {
    let horizon = today + Days::new(u64::try_from(REVIEW_DUE_SOON_DAYS).unwrap_or(30));
    let due = agreement::Entity::find()
        .filter(agreement::Column::OrganisationId.eq(organisation_id))
        .filter(agreement::Column::InForceAt.is_not_null())
        .filter(agreement::Column::EndedOn.is_null())
        .filter(agreement::Column::ReviewBy.lte(horizon))
        .all(db)
        .await?;
    let mut mails = Vec::new();
    for row in due {
        // Both still here: a leaver's agreement is not reviewed.
        let (Some(supervisee), Some(supervisor)) =
            (staff.get(&row.supervisee_id), staff.get(&row.supervisor_id))
        else {
            continue;
        };
        let overdue = row.review_by < today;
        for (to, other) in [(supervisee, supervisor), (supervisor, supervisee)] {
            mails.push(mail(links, &row, to, other, overdue));
        }
    }
    Ok(mails)
}

fn mail(
    links: &Links,
    row: &agreement::Model,
    to: &staff::Model,
    other: &staff::Model,
    overdue: bool,
) -> Mail {
    let when = row.review_by.format("%-d %B %Y");
    let (stage, subject, opening) = if overdue {
        (
            "overdue",
            format!(
                "Your supervision agreement with {} is overdue for review",
                other.name
            ),
            format!(
                "Your supervision agreement with {} was due for review by {when}.",
                other.name
            ),
        )
    } else {
        (
            "due",
            format!(
                "Your supervision agreement with {} is due for review",
                other.name
            ),
            format!(
                "Your supervision agreement with {} is due for review by {when}.",
                other.name
            ),
        )
    };
    Mail {
        calendar: None,
        organisation_id: row.organisation_id,
        recipient_id: to.id,
        to_address: to.email.clone(),
        subject,
        body: format!(
            "Dear {},\n\n{opening} Please review it together at your next supervision and sign the new one.\n\n{}/agreements/{}\n",
            to.name, links.public_url, row.id
        ),
        dedupe_key: Some(format!(
            "agreement_review:{stage}:{}:{}:{}",
            row.id, row.review_by, to.id
        )),
    }
}
