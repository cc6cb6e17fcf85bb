//! Schedules as each organisation writes them (F5.2): the phases of its
//! newly qualified and induction schedules, from a date. Organisations that
//! exist already are given the schedule the code applied until now
//! (Cumbria's wording), so nobody's due dates move on upgrade.

use sea_orm_migration::{prelude::*, schema::*};

use crate::tenant_fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SchedulePhase {
    Table,
    OrganisationId,
    Schedule,
    EffectiveFrom,
    Position,
    EveryDays,
    UntilMonths,
    UntilWeeks,
}

/// (schedule, position, every days, until months, until weeks): weekly for
/// the first 6 weeks, fortnightly for the next 6 months, monthly to 12
/// months; induction fortnightly for 6 months. The same as
/// `supervision_shared::schedule::default_plans`.
const DEFAULTS: [(&str, i32, i32, i32, i32); 4] = [
    ("newly_qualified", 0, 7, 0, 6),
    ("newly_qualified", 1, 14, 6, 6),
    ("newly_qualified", 2, 30, 12, 0),
    ("induction", 0, 14, 6, 0),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SchedulePhase::Table)
                    .col(uuid(SchedulePhase::OrganisationId))
                    // newly_qualified | induction
                    .col(string_len(SchedulePhase::Schedule, 40))
                    .col(date(SchedulePhase::EffectiveFrom))
                    .col(integer(SchedulePhase::Position))
                    .col(integer(SchedulePhase::EveryDays))
                    .col(integer(SchedulePhase::UntilMonths))
                    .col(integer(SchedulePhase::UntilWeeks))
                    .primary_key(
                        Index::create()
                            .col(SchedulePhase::OrganisationId)
                            .col(SchedulePhase::Schedule)
                            .col(SchedulePhase::EffectiveFrom)
                            .col(SchedulePhase::Position),
                    )
                    .foreign_key(&mut tenant_fk(SchedulePhase::Table))
                    .to_owned(),
            )
            .await?;
        // A literal date needs a cast on PostgreSQL, and must stay text on
        // SQLite (where CAST AS DATE would make it a number).
        let from = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "DATE '2000-01-01'",
            _ => "'2000-01-01'",
        };
        let db = manager.get_connection();
        for (schedule, position, every, months, weeks) in DEFAULTS {
            db.execute_unprepared(&format!(
                "INSERT INTO schedule_phase (organisation_id, schedule, effective_from, position, \
                   every_days, until_months, until_weeks) \
                 SELECT id, '{schedule}', {from}, {position}, {every}, {months}, {weeks} FROM organisation"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SchedulePhase::Table).to_owned())
            .await
    }
}
