//! Purpose-bound access grants and their reads (F7.3), and the append-only,
//! hash-chained audit log (F7.6).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccessGrant {
    Table,
    Id,
    OrganisationId,
    GranteeId,
    SupervisionId,
    PersonId,
    Purpose,
    Reason,
    GrantedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum PrivilegedRead {
    Table,
    Id,
    OrganisationId,
    GrantId,
    ReaderId,
    SupervisionId,
    SuperviseeId,
    ReadAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    OrganisationId,
    Seq,
    OccurredAt,
    ActorId,
    Action,
    SubjectType,
    SubjectId,
    Detail,
    PrevHash,
    Hash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccessGrant::Table)
                    .col(pk_uuid(AccessGrant::Id))
                    .col(uuid(AccessGrant::OrganisationId))
                    .col(uuid(AccessGrant::GranteeId))
                    // Either one record, or one person's whole file.
                    .col(uuid_null(AccessGrant::SupervisionId))
                    .col(uuid_null(AccessGrant::PersonId))
                    .col(string_len(AccessGrant::Purpose, 40))
                    .col(text(AccessGrant::Reason))
                    .col(timestamp_with_time_zone(AccessGrant::GrantedAt))
                    .col(timestamp_with_time_zone(AccessGrant::ExpiresAt))
                    .foreign_key(&mut tenant_fk(AccessGrant::Table))
                    .foreign_key(&mut fk(
                        (AccessGrant::Table, AccessGrant::GranteeId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_access_grant_grantee")
                    .table(AccessGrant::Table)
                    .col(AccessGrant::OrganisationId)
                    .col(AccessGrant::GranteeId)
                    .col(AccessGrant::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PrivilegedRead::Table)
                    .col(pk_uuid(PrivilegedRead::Id))
                    .col(uuid(PrivilegedRead::OrganisationId))
                    .col(uuid(PrivilegedRead::GrantId))
                    .col(uuid(PrivilegedRead::ReaderId))
                    .col(uuid(PrivilegedRead::SupervisionId))
                    // Whose record was read: they see the read on their page.
                    .col(uuid(PrivilegedRead::SuperviseeId))
                    .col(timestamp_with_time_zone(PrivilegedRead::ReadAt))
                    .foreign_key(&mut tenant_fk(PrivilegedRead::Table))
                    .foreign_key(&mut fk(
                        (PrivilegedRead::Table, PrivilegedRead::GrantId),
                        (AccessGrant::Table, AccessGrant::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_privileged_read_supervisee")
                    .table(PrivilegedRead::Table)
                    .col(PrivilegedRead::OrganisationId)
                    .col(PrivilegedRead::SuperviseeId)
                    .col(PrivilegedRead::ReadAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(pk_uuid(AuditEvent::Id))
                    .col(uuid(AuditEvent::OrganisationId))
                    // Position in the organisation's chain, from 1.
                    .col(big_integer(AuditEvent::Seq))
                    .col(timestamp_with_time_zone(AuditEvent::OccurredAt))
                    .col(uuid_null(AuditEvent::ActorId))
                    .col(string_len(AuditEvent::Action, 60))
                    .col(string_len(AuditEvent::SubjectType, 40))
                    .col(uuid_null(AuditEvent::SubjectId))
                    .col(text(AuditEvent::Detail))
                    .col(string_len(AuditEvent::PrevHash, 64))
                    .col(string_len(AuditEvent::Hash, 64))
                    .foreign_key(&mut tenant_fk(AuditEvent::Table))
                    .to_owned(),
            )
            .await?;
        // One entry per position: two writers racing for the same place in
        // the chain cannot both succeed.
        manager
            .create_index(
                Index::create()
                    .name("ux_audit_event_seq")
                    .table(AuditEvent::Table)
                    .unique()
                    .col(AuditEvent::OrganisationId)
                    .col(AuditEvent::Seq)
                    .to_owned(),
            )
            .await?;

        // Append-only whatever the connecting role: the database itself
        // refuses to change or remove an entry.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$; \
                     CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event \
                     FOR EACH ROW EXECUTE FUNCTION audit_event_append_only(); \
                     CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event \
                     FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only(); \
                     REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_event_append_only() CASCADE;")
                .await?;
        }
        for table in [
            AuditEvent::Table.into_iden(),
            PrivilegedRead::Table.into_iden(),
            AccessGrant::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
