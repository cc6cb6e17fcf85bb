//! Supervision records: recording (one-to-one and group, in one transaction),
//! reading only what the viewer may see, listing, and validation by
//! supervisees (F3, F4, F7.1). One file each: `recording`, `reading`,
//! `responses` (validation, comments, private notes) and `supervisees`
//! (My supervisees); their public items are this module's.

mod reading;
mod recording;
mod responses;
mod supervisees;

pub use reading::*;
pub use recording::*;
pub use responses::*;
pub use supervisees::*;

use supervision_shared::case::ReferenceFormat;
use supervision_shared::sharing::BankHolidays;

use crate::entity::supervision;
use crate::service::access::RecordAccess;

/// The organisation's rules a new record is checked against.
#[derive(Debug, Clone)]
pub struct RecordingRules {
    /// For the 10 working days within which a record is shared (F4.3).
    pub holidays: BankHolidays,
    /// The shape of a case reference (F3.7).
    pub case_reference: ReferenceFormat,
}

/// A record together with how the viewer may see it.
#[derive(Debug, Clone)]
pub struct VisibleRecord {
    /// The stored record.
    pub record: supervision::Model,
    /// What the viewer may see of it.
    pub access: RecordAccess,
}
