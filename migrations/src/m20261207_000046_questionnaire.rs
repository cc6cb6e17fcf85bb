//! The annual supervision questionnaire (F8.2, issue 16). A cycle keeps its
//! questions and its threshold; an invitation says who was asked and
//! whether they have answered; a response keeps the answers with only the
//! groups they count in (the unit and the supervisors the person had when
//! invited), never the person, and no time: its id is random, not ordered.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QuestionnaireCycle {
    Table,
    Id,
    OrganisationId,
    Title,
    OpensOn,
    ClosesOn,
    ClosedOn,
    Threshold,
    Questions,
    StartedBy,
    StartedAt,
}

#[derive(DeriveIden)]
enum QuestionnaireInvitation {
    Table,
    Id,
    OrganisationId,
    CycleId,
    StaffId,
    UnitId,
    LineManagerId,
    ClinicalSupervisorId,
    Answered,
}

#[derive(DeriveIden)]
enum QuestionnaireResponse {
    Table,
    Id,
    OrganisationId,
    CycleId,
    UnitId,
    LineManagerId,
    ClinicalSupervisorId,
    Answers,
}

#[derive(DeriveIden)]
enum Staff {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(QuestionnaireCycle::Table)
                    .col(pk_uuid(QuestionnaireCycle::Id))
                    .col(uuid(QuestionnaireCycle::OrganisationId))
                    .col(string(QuestionnaireCycle::Title))
                    .col(date(QuestionnaireCycle::OpensOn))
                    .col(date(QuestionnaireCycle::ClosesOn))
                    .col(date_null(QuestionnaireCycle::ClosedOn))
                    .col(integer(QuestionnaireCycle::Threshold))
                    .col(text(QuestionnaireCycle::Questions))
                    .col(uuid(QuestionnaireCycle::StartedBy))
                    .col(timestamp_with_time_zone(QuestionnaireCycle::StartedAt))
                    .foreign_key(&mut tenant_fk(QuestionnaireCycle::Table))
                    .foreign_key(&mut fk(
                        (QuestionnaireCycle::Table, QuestionnaireCycle::StartedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuestionnaireInvitation::Table)
                    .col(pk_uuid(QuestionnaireInvitation::Id))
                    .col(uuid(QuestionnaireInvitation::OrganisationId))
                    .col(uuid(QuestionnaireInvitation::CycleId))
                    .col(uuid(QuestionnaireInvitation::StaffId))
                    .col(uuid(QuestionnaireInvitation::UnitId))
                    .col(uuid_null(QuestionnaireInvitation::LineManagerId))
                    .col(uuid_null(QuestionnaireInvitation::ClinicalSupervisorId))
                    .col(boolean(QuestionnaireInvitation::Answered))
                    .foreign_key(&mut tenant_fk(QuestionnaireInvitation::Table))
                    .foreign_key(&mut fk(
                        (
                            QuestionnaireInvitation::Table,
                            QuestionnaireInvitation::CycleId,
                        ),
                        (QuestionnaireCycle::Table, QuestionnaireCycle::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            QuestionnaireInvitation::Table,
                            QuestionnaireInvitation::StaffId,
                        ),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_questionnaire_invitation_person")
                    .table(QuestionnaireInvitation::Table)
                    .col(QuestionnaireInvitation::CycleId)
                    .col(QuestionnaireInvitation::StaffId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_questionnaire_invitation_staff")
                    .table(QuestionnaireInvitation::Table)
                    .col(QuestionnaireInvitation::OrganisationId)
                    .col(QuestionnaireInvitation::StaffId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuestionnaireResponse::Table)
                    .col(pk_uuid(QuestionnaireResponse::Id))
                    .col(uuid(QuestionnaireResponse::OrganisationId))
                    .col(uuid(QuestionnaireResponse::CycleId))
                    .col(uuid(QuestionnaireResponse::UnitId))
                    .col(uuid_null(QuestionnaireResponse::LineManagerId))
                    .col(uuid_null(QuestionnaireResponse::ClinicalSupervisorId))
                    .col(text(QuestionnaireResponse::Answers))
                    .foreign_key(&mut tenant_fk(QuestionnaireResponse::Table))
                    .foreign_key(&mut fk(
                        (QuestionnaireResponse::Table, QuestionnaireResponse::CycleId),
                        (QuestionnaireCycle::Table, QuestionnaireCycle::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_questionnaire_response_cycle")
                    .table(QuestionnaireResponse::Table)
                    .col(QuestionnaireResponse::OrganisationId)
                    .col(QuestionnaireResponse::CycleId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            QuestionnaireResponse::Table.into_iden(),
            QuestionnaireInvitation::Table.into_iden(),
            QuestionnaireCycle::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
