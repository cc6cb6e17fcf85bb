//! The service layer: every read and write of the domain, each scoped to the
//! viewer's organisation and to what the viewer may see. Resolvers and HTTP
//! handlers call these functions and never query tables themselves.

pub mod absence;
pub mod access;
pub mod action;
pub mod agreement;
pub mod allocations;
pub mod amendment;
pub mod attachment;
pub mod audit;
pub mod bearer;
pub mod bi;
pub mod booking;
pub mod case;
pub mod clock;
pub mod compliance;
pub mod directory;
pub mod draft;
pub mod export;
pub mod hr_import;
pub mod jobs;
pub mod leavers;
pub mod names;
pub mod notify;
pub mod objective;
pub mod organisation;
pub mod outbox;
pub mod quality;
pub mod record_parts;
pub mod redaction;
pub mod reminders;
pub mod removal;
pub mod restructure;
pub mod retention;
pub mod roles;
pub mod scim;
pub mod supervision;
pub mod units;
pub mod wellbeing;
pub mod written;
