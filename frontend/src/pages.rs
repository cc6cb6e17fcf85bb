//! One module per page of the app.

pub mod actions;
pub mod agreement;
pub mod audits;
pub mod cases;
pub mod help;
pub mod home;
pub mod import;
pub mod legal_holds;
pub mod not_found;
pub mod observations;
pub mod organisation_settings;
pub mod performance_records;
pub mod person_address;
pub mod policy_rules;
pub mod record;
pub mod redactions;
pub mod removals;
pub mod roles;
pub mod signin;
pub mod staff_history;
pub mod supervisees;
pub mod supervision;
pub mod team_compliance;
pub mod unallocated;
pub mod units;
pub mod wellbeing;
