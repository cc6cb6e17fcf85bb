//! The annual questionnaire in the demo (F8.2): last year's cycle, closed,
//! answered by about three in four, so its results can be read; and this
//! year's, open for three more weeks, answered by some. The featured people
//! of the README's walk-through have not answered this year's, so they
//! find it on their home page.

use std::collections::HashSet;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect};
use supervision_shared::Role;
use supervision_shared::quality::questionnaire::{
    Answer, DEFAULT_THRESHOLD, QuestionKind, check_questions, default_questions,
};
use uuid::Uuid;

use super::insert_batched;
use super::rng::Rng;
use crate::entity::{
    questionnaire_cycle, questionnaire_invitation, questionnaire_response, staff, staff_role,
};
use crate::service::quality::questionnaire::invitees;

const COMMENTS: [&str; 6] = [
    "Supervision is the one hour I can think about my practice properly.",
    "Sessions are often moved at short notice because of the rota.",
    "I would like more time on reflection and less on caseload numbers.",
    "My supervisor follows up what we agree, which helps.",
    "Group supervision has been really useful for complex cases.",
    "It would help to have the record sooner after the session.",
];

/// How likely each option is, in tenths of a per cent, by question: most
/// people are positive, some are not.
fn weights(options: usize) -> &'static [u64] {
    match options {
        4 => &[450, 350, 150, 50],
        _ => &[300, 400, 170, 90, 40],
    }
}

/// Writes the demo's questionnaire cycles for each organisation with an
/// auditor (who started them).
pub async fn seed_questionnaires(
    txn: &DatabaseTransaction,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let auditors: Vec<(Uuid, Uuid)> = staff_role::Entity::find()
        .select_only()
        .column(staff_role::Column::OrganisationId)
        .column(staff_role::Column::StaffId)
        .filter(staff_role::Column::Role.eq(Role::Auditor.as_str()))
        .into_tuple()
        .all(txn)
        .await?;
    let featured: HashSet<Uuid> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .filter(staff::Column::Email.is_in(super::FEATURED_EMAILS.iter().copied()))
        .into_tuple()
        .all(txn)
        .await?
        .into_iter()
        .collect();
    let mut seen = HashSet::new();
    let mut rng = Rng::new(0x51_1E57);
    for (organisation_id, auditor) in auditors {
        if !seen.insert(organisation_id) {
            continue;
        }
        let people = invitees(txn, organisation_id, today)
            .await
            .map_err(|e| anyhow::anyhow!("the demo's invitees: {e:?}"))?;
        let questions = check_questions(&default_questions())
            .map_err(|e| anyhow::anyhow!("default questions: {e:?}"))?;
        let cycles = [
            ("Supervision questionnaire 2025", 380, 345, 75),
            ("Supervision questionnaire 2026", 10, 0, 40),
        ];
        let mut cycle_rows = Vec::new();
        let mut invitations = Vec::new();
        let mut responses = Vec::new();
        for (title, opened_days_ago, closed_days_ago, answering) in cycles {
            let opens_on = today - Days::new(opened_days_ago);
            let closes_on = if closed_days_ago == 0 {
                today + Days::new(21)
            } else {
                today - Days::new(closed_days_ago)
            };
            let cycle = questionnaire_cycle::Model {
                id: Uuid::now_v7(),
                organisation_id,
                title: title.to_owned(),
                opens_on,
                closes_on,
                closed_on: None,
                threshold: i32::try_from(DEFAULT_THRESHOLD).unwrap_or(5),
                questions: serde_json::to_string(&questions)?,
                started_by: auditor,
                started_at: Utc
                    .from_utc_datetime(&opens_on.and_hms_opt(9, 0, 0).unwrap_or_default()),
            };
            for (person, groups) in &people {
                let open = closed_days_ago == 0;
                let answered = !(open && featured.contains(&person.id)) && rng.chance(answering);
                invitations.push(questionnaire_invitation::Model {
                    id: Uuid::now_v7(),
                    organisation_id,
                    cycle_id: cycle.id,
                    staff_id: person.id,
                    unit_id: groups.unit,
                    line_manager_id: groups.line_manager,
                    clinical_supervisor_id: groups.clinical_supervisor,
                    answered,
                });
                if !answered {
                    continue;
                }
                let answers: Vec<Answer> = questions
                    .iter()
                    .filter_map(|q| match q.kind {
                        QuestionKind::Choice => {
                            let mut roll = rng.range(0, 1000) as u64;
                            let choice = weights(q.options.len())
                                .iter()
                                .position(|w| {
                                    let hit = roll < *w;
                                    roll = roll.saturating_sub(*w);
                                    hit
                                })
                                .unwrap_or(0);
                            Some(Answer {
                                question: q.key.clone(),
                                choice: Some(u32::try_from(choice).unwrap_or(0)),
                                text: String::new(),
                            })
                        }
                        QuestionKind::Text => rng.chance(30).then(|| Answer {
                            question: q.key.clone(),
                            choice: None,
                            text: (*rng.pick(&COMMENTS)).to_owned(),
                        }),
                    })
                    .collect();
                responses.push(questionnaire_response::Model {
                    id: Uuid::new_v4(),
                    organisation_id,
                    cycle_id: cycle.id,
                    unit_id: groups.unit,
                    line_manager_id: groups.line_manager,
                    clinical_supervisor_id: groups.clinical_supervisor,
                    answers: serde_json::to_string(&answers)?,
                });
            }
            cycle_rows.push(cycle);
        }
        insert_batched::<questionnaire_cycle::Entity, _>(txn, &cycle_rows).await?;
        insert_batched::<questionnaire_invitation::Entity, _>(txn, &invitations).await?;
        insert_batched::<questionnaire_response::Entity, _>(txn, &responses).await?;
    }
    Ok(())
}
