//! A counter on each person that moves whenever anything their roles are
//! read from changes (issue 19): the allocations naming them as supervisor
//! or line manager, and the roles granted to them. A signed-in request
//! reads it in the same statement as its session, so the roles worked out
//! for a person can be kept between requests and used only while the
//! counter (and the day) is the same: a role taken away, on this instance,
//! another, or by a script straight into the database, is seen at once.
//!
//! Kept by the database's own triggers rather than by the code that writes
//! those tables, so no write path (HR import, SCIM, retention, a hand
//! correction) can forget to move it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Staff {
    Table,
    AccessVersion,
}

/// The tables a person's roles are read from, and the column naming the
/// person whose roles each row gives.
const SOURCES: [(&str, &str); 2] = [
    ("allocation", "allocated_to_id"),
    ("staff_role", "staff_id"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Staff::Table)
                    .add_column(
                        ColumnDef::new(Staff::AccessVersion)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                // Once per statement, over its transition tables: an HR
                // import writes allocations 500 rows a statement, and a
                // row trigger would update a manager's row once for each.
                // A trigger with transition tables takes one event, so
                // each table has three, all calling its one function.
                for (table, person) in SOURCES {
                    db.execute_unprepared(&format!(
                        "CREATE FUNCTION {table}_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$ \
                         BEGIN \
                           IF TG_OP IN ('UPDATE', 'DELETE') THEN \
                             UPDATE staff SET access_version = access_version + 1 \
                             WHERE id IN (SELECT {person} FROM old_rows); \
                           END IF; \
                           IF TG_OP IN ('INSERT', 'UPDATE') THEN \
                             UPDATE staff SET access_version = access_version + 1 \
                             WHERE id IN (SELECT {person} FROM new_rows); \
                           END IF; \
                           RETURN NULL; \
                         END $$;"
                    ))
                    .await?;
                    for (event, tables) in [
                        ("INSERT", "NEW TABLE AS new_rows"),
                        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                        ("DELETE", "OLD TABLE AS old_rows"),
                    ] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_access_{} AFTER {event} ON {table} \
                             REFERENCING {tables} FOR EACH STATEMENT \
                             EXECUTE FUNCTION {table}_access_changed();",
                            event.to_ascii_lowercase()
                        ))
                        .await?;
                    }
                }
            }
            _ => {
                for (table, person) in SOURCES {
                    for (event, whom) in [
                        ("INSERT", format!("NEW.{person}")),
                        ("UPDATE", format!("OLD.{person}, NEW.{person}")),
                        ("DELETE", format!("OLD.{person}")),
                    ] {
                        let name = format!("{table}_access_{}", event.to_ascii_lowercase());
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN \
                             UPDATE staff SET access_version = access_version + 1 WHERE id IN ({whom}); \
                             END;"
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                for (table, _) in SOURCES {
                    db.execute_unprepared(&format!(
                        "DROP FUNCTION IF EXISTS {table}_access_changed() CASCADE;"
                    ))
                    .await?;
                }
            }
            _ => {
                for (table, _) in SOURCES {
                    for event in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS {table}_access_{event};"
                        ))
                        .await?;
                    }
                }
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Staff::Table)
                    .drop_column(Staff::AccessVersion)
                    .to_owned(),
            )
            .await
    }
}
