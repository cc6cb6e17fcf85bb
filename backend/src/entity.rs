//! Database rows, one module per table. These are storage types only: the API
//! exposes its own output types, so a new column is never published by
//! accident.

pub mod access_grant;
pub mod action_update;
pub mod agreement;
pub mod agreement_heading;
pub mod agreement_read;
pub mod allocation;
pub mod attachment;
pub mod audit_event;
pub mod audit_round;
pub mod audit_round_record;
pub mod audit_score;
pub mod background_job;
pub mod case_discussion;
pub mod formal_attendance;
pub mod import_column;
pub mod legal_hold;
pub mod org_unit;
pub mod org_unit_change;
pub mod organisation;
pub mod outbox_message;
pub mod policy_rule;
pub mod practice_observation;
pub mod privileged_read;
pub mod record_draft;
pub mod redaction;
pub mod redaction_request;
pub mod removal_request;
pub mod schedule_phase;
pub mod scim_group;
pub mod scim_group_member;
pub mod scim_token;
pub mod scim_user;
pub mod session;
pub mod sign_in_failure;
pub mod staff;
pub mod staff_absence;
pub mod staff_role;
pub mod supervision;
pub mod supervision_action;
pub mod supervision_attendee;
pub mod supervision_comment;
pub mod supervision_version;
pub mod wellbeing_plan;
