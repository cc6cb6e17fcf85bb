//! The database schema as a sequence of migrations, applied at start-up on
//! SQLite and PostgreSQL alike. Every table except the session store carries
//! `organisation_id`, the tenant and the future sharding key; sessions belong
//! to a browser before they belong to a person, so they carry none.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_directory;
mod m20261122_000002_supervision;
mod m20261122_000003_session;
mod m20261122_000004_access_and_audit;
mod m20261122_000005_redaction_and_retention;
mod m20261122_000006_session_identity;
mod m20261122_000007_sign_in_failure;
mod m20261122_000008_submission_key;
mod m20261122_000009_comment;
mod m20261122_000010_outbox;
mod m20261122_000011_record_lifecycle;
mod m20261122_000012_action_update;
mod m20261122_000013_attachment;
mod m20261122_000014_case_discussion;
mod m20261122_000015_record_draft;
mod m20261122_000016_policy_rule;
mod m20261122_000017_formal_attendance;
mod m20261122_000018_case_worker;
mod m20261122_000019_attendance_shared_late;
mod m20261122_000020_allocation_roles_index;
mod m20261122_000021_formal_latest;
mod m20261122_000022_holds_caseload;
mod m20261205_000023_organisation_time_zone;
mod m20261205_000024_staff_search_name;
mod m20261205_000025_role_grant_history;
mod m20261205_000026_scim;
mod m20261205_000027_unit_history;
mod m20261205_000028_organisation_sign_in;
mod m20261205_000029_import_columns;
mod m20261205_000030_schedule_phase;
mod m20261205_000031_agreement;
mod m20261205_000032_wellbeing;
mod m20261205_000033_agreement_read;
mod m20261205_000034_staff_absence;
mod m20261206_000035_personal_notes_shared;
mod m20261206_000036_redaction_request;
mod m20261206_000037_session_id_hashed;
mod m20261206_000038_outbox_undeliverable;
mod m20261206_000039_background_job;
mod m20261206_000040_audit_key;
mod m20261206_000041_audit_round;
mod m20261206_000042_audit_score;
mod m20261207_000043_audit_finding;
mod m20261207_000044_audit_finding_index;
mod m20261207_000045_practice_observation;
mod m20261207_000046_questionnaire;
mod m20261207_000047_appraisal_objective;
mod m20261207_000048_session_booking;
mod m20261207_000049_bi_token;
mod m20261207_000050_staff_access_version;

/// Every migration, in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_directory::Migration),
            Box::new(m20261122_000002_supervision::Migration),
            Box::new(m20261122_000003_session::Migration),
            Box::new(m20261122_000004_access_and_audit::Migration),
            Box::new(m20261122_000005_redaction_and_retention::Migration),
            Box::new(m20261122_000006_session_identity::Migration),
            Box::new(m20261122_000007_sign_in_failure::Migration),
            Box::new(m20261122_000008_submission_key::Migration),
            Box::new(m20261122_000009_comment::Migration),
            Box::new(m20261122_000010_outbox::Migration),
            Box::new(m20261122_000011_record_lifecycle::Migration),
            Box::new(m20261122_000012_action_update::Migration),
            Box::new(m20261122_000013_attachment::Migration),
            Box::new(m20261122_000014_case_discussion::Migration),
            Box::new(m20261122_000015_record_draft::Migration),
            Box::new(m20261122_000016_policy_rule::Migration),
            Box::new(m20261122_000017_formal_attendance::Migration),
            Box::new(m20261122_000018_case_worker::Migration),
            Box::new(m20261122_000019_attendance_shared_late::Migration),
            Box::new(m20261122_000020_allocation_roles_index::Migration),
            Box::new(m20261122_000021_formal_latest::Migration),
            Box::new(m20261122_000022_holds_caseload::Migration),
            Box::new(m20261205_000023_organisation_time_zone::Migration),
            Box::new(m20261205_000024_staff_search_name::Migration),
            Box::new(m20261205_000025_role_grant_history::Migration),
            Box::new(m20261205_000026_scim::Migration),
            Box::new(m20261205_000027_unit_history::Migration),
            Box::new(m20261205_000028_organisation_sign_in::Migration),
            Box::new(m20261205_000029_import_columns::Migration),
            Box::new(m20261205_000030_schedule_phase::Migration),
            Box::new(m20261205_000031_agreement::Migration),
            Box::new(m20261205_000032_wellbeing::Migration),
            Box::new(m20261205_000033_agreement_read::Migration),
            Box::new(m20261205_000034_staff_absence::Migration),
            Box::new(m20261206_000035_personal_notes_shared::Migration),
            Box::new(m20261206_000036_redaction_request::Migration),
            Box::new(m20261206_000037_session_id_hashed::Migration),
            Box::new(m20261206_000038_outbox_undeliverable::Migration),
            Box::new(m20261206_000039_background_job::Migration),
            Box::new(m20261206_000040_audit_key::Migration),
            Box::new(m20261206_000041_audit_round::Migration),
            Box::new(m20261206_000042_audit_score::Migration),
            Box::new(m20261207_000043_audit_finding::Migration),
            Box::new(m20261207_000044_audit_finding_index::Migration),
            Box::new(m20261207_000045_practice_observation::Migration),
            Box::new(m20261207_000046_questionnaire::Migration),
            Box::new(m20261207_000047_appraisal_objective::Migration),
            Box::new(m20261207_000048_session_booking::Migration),
            Box::new(m20261207_000049_bi_token::Migration),
            Box::new(m20261207_000050_staff_access_version::Migration),
        ]
    }
}

/// Foreign key from `table.column` to `organisation.id`, so a row can never
/// name a tenant that does not exist.
pub(crate) fn tenant_fk(table: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, Alias::new("organisation_id"))
        .to(Alias::new("organisation"), Alias::new("id"))
        .to_owned()
}

/// Foreign key from `(table, column)` to `(table, column)`.
pub(crate) fn fk(
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}
