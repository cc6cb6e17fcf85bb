//! The questionnaire's one reminder (F8.2): a week before an open cycle
//! closes (or the day after it opens, for a short one), everyone invited
//! who still works here and has not answered is reminded, once (the
//! outbox's dedupe key names the cycle, the person and the stage).

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use supervision_shared::quality::questionnaire::REMINDER_DAYS_BEFORE_CLOSE;
use uuid::Uuid;

use crate::entity::{questionnaire_cycle, questionnaire_invitation, staff};
use crate::error::AppResult;
use crate::service::notify::{self, Links};
use crate::service::outbox::Mail;
use crate::service::quality::questionnaire::is_open;

/// The reminders due today.
pub async fn mails(
    db: &DatabaseConnection,
    links: &Links,
    organisation_id: Uuid,
    today: NaiveDate,
    staff: &HashMap<Uuid, staff::Model>,
) -> AppResult<Vec<Mail>> {
    let cycles = questionnaire_cycle::Entity::find()
        .filter(questionnaire_cycle::Column::OrganisationId.eq(organisation_id))
        .filter(questionnaire_cycle::Column::ClosedOn.is_null())
        .filter(questionnaire_cycle::Column::ClosesOn.gte(today))
        .all(db)
        .await?;
    let mut mails = Vec::new();
    for cycle in cycles.iter().filter(|c| is_open(c, today)) {
        let week_before = cycle
            .closes_on
            .checked_sub_days(Days::new(REMINDER_DAYS_BEFORE_CLOSE))
            .unwrap_or(cycle.closes_on);
        let remind_from = week_before.max(cycle.opens_on + Days::new(1));
        if today < remind_from {
            continue;
        }
        for invitation in questionnaire_invitation::Entity::find()
            .filter(questionnaire_invitation::Column::OrganisationId.eq(organisation_id))
            .filter(questionnaire_invitation::Column::CycleId.eq(cycle.id))
            .filter(questionnaire_invitation::Column::Answered.eq(false))
            .all(db)
            .await?
        {
            if let Some(person) = staff.get(&invitation.staff_id) {
                mails.push(notify::questionnaire_invitation(links, person, cycle, true));
            }
        }
    }
    Ok(mails)
}
