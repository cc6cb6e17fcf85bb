//! The service layer: every read and write of the domain, each scoped to the
//! viewer's organisation and to what the viewer may see. Resolvers and HTTP
//! handlers call these functions and never query tables themselves.

pub mod access;
pub mod action;
pub mod amendment;
pub mod attachment;
pub mod attendance;
pub mod audit;
pub mod cases;
pub mod cohort;
pub mod compliance;
pub mod directory;
pub mod drafts;
pub mod export;
pub mod notify;
pub mod outbox;
pub mod policy;
pub mod redaction;
pub mod reminders;
pub mod removal;
pub mod report;
pub mod retention;
pub mod supervision;
pub mod units;

/// Today's date for rules such as "not in the future". The organisations we
/// serve are in the UK; UTC differs from UK time by at most an hour.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
