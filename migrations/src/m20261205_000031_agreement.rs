//! Supervision agreements (F6): each organisation's headings for them, and
//! the agreements themselves, one per supervisee, supervisor and kind of
//! supervision, signed by both. The frequency agreed becomes the person's
//! policy rule once both have signed, which is why an agreement names the
//! rule it made. Organisations that exist already are given the policies'
//! headings.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AgreementHeading {
    Table,
    OrganisationId,
    HeadingKey,
    Position,
    Heading,
    Guidance,
}

#[derive(DeriveIden)]
enum Agreement {
    Table,
    Id,
    OrganisationId,
    SuperviseeId,
    SupervisorId,
    Relationship,
    FrequencyDays,
    FrequencyReason,
    DurationMinutes,
    Venue,
    Sections,
    StartsOn,
    ReviewBy,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    SupervisorSignedAt,
    SuperviseeSignedAt,
    InForceAt,
    EndedOn,
    PolicyRuleId,
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
                    .table(AgreementHeading::Table)
                    .col(uuid(AgreementHeading::OrganisationId))
                    .col(string_len(AgreementHeading::HeadingKey, 40))
                    .col(integer(AgreementHeading::Position))
                    .col(string_len(AgreementHeading::Heading, 200))
                    .col(text(AgreementHeading::Guidance))
                    .primary_key(
                        Index::create()
                            .col(AgreementHeading::OrganisationId)
                            .col(AgreementHeading::HeadingKey),
                    )
                    .foreign_key(&mut tenant_fk(AgreementHeading::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Agreement::Table)
                    .col(pk_uuid(Agreement::Id))
                    .col(uuid(Agreement::OrganisationId))
                    .col(uuid(Agreement::SuperviseeId))
                    .col(uuid(Agreement::SupervisorId))
                    // line_manager | clinical_supervisor
                    .col(string_len(Agreement::Relationship, 40))
                    .col(integer(Agreement::FrequencyDays))
                    .col(text(Agreement::FrequencyReason))
                    .col(integer(Agreement::DurationMinutes))
                    .col(string_len(Agreement::Venue, 200))
                    // JSON: [[key, text], …] in the template's order.
                    .col(text(Agreement::Sections))
                    .col(date(Agreement::StartsOn))
                    .col(date(Agreement::ReviewBy))
                    .col(uuid(Agreement::CreatedBy))
                    .col(timestamp_with_time_zone(Agreement::CreatedAt))
                    .col(timestamp_with_time_zone(Agreement::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Agreement::SupervisorSignedAt))
                    .col(timestamp_with_time_zone_null(Agreement::SuperviseeSignedAt))
                    // Both signed: the moment the second did.
                    .col(timestamp_with_time_zone_null(Agreement::InForceAt))
                    // Replaced by a newer one (its last day).
                    .col(date_null(Agreement::EndedOn))
                    .col(uuid_null(Agreement::PolicyRuleId))
                    .foreign_key(&mut tenant_fk(Agreement::Table))
                    .foreign_key(&mut fk(
                        (Agreement::Table, Agreement::SuperviseeId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Agreement::Table, Agreement::SupervisorId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_agreement_supervisee")
                    .table(Agreement::Table)
                    .col(Agreement::OrganisationId)
                    .col(Agreement::SuperviseeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_agreement_supervisor")
                    .table(Agreement::Table)
                    .col(Agreement::OrganisationId)
                    .col(Agreement::SupervisorId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let quoted = |text: &str| format!("'{}'", text.replace('\'', "''"));
        for (position, heading) in supervision_shared::agreement::default_headings()
            .iter()
            .enumerate()
        {
            db.execute_unprepared(&format!(
                "INSERT INTO agreement_heading (organisation_id, heading_key, position, heading, guidance) \
                 SELECT id, {}, {position}, {}, {} FROM organisation",
                quoted(&heading.key),
                quoted(&heading.heading),
                quoted(&heading.guidance),
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Agreement::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AgreementHeading::Table).to_owned())
            .await
    }
}
