//! Integration tests: each test starts the real server on a fresh database
//! (SQLite by default; PostgreSQL when `TEST_DATABASE_URL` is set, as the
//! test command does on its second pass) and talks to it over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod builders;
mod helpers;
mod mail_server;

mod matrix;

mod access;
mod actions;
mod agreements;
mod allocations;
mod architecture;
mod attachments;
mod audit;
mod audit_findings;
mod backup;
mod bi;
mod booking;
mod cases;
mod comments;
mod compliance;
mod compression;
mod concurrency;
mod csrf;
mod deployment;
mod directory;
mod drafts;
mod due_rules;
mod email;
mod export;
mod faults;
mod file_transfer;
mod hardening;
mod hr_import;
mod id_tokens;
mod instances;
mod lifecycle;
mod limits;
mod logs;
mod metrics;
mod migrations;
mod objectives;
mod observations;
mod organisations;
mod oversight;
mod personal_notes;
mod policy;
mod purpose;
mod quality;
mod queries;
mod questionnaire;
mod recording;
mod redaction;
mod reminders;
mod reports;
mod retention;
mod roles;
mod schedules;
mod schema;
mod scim;
mod sessions;
mod sso;
mod static_files;
mod tenancy;
mod time_zone;
mod units;
mod validation;
mod wellbeing;
