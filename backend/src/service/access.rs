//! Who may see what: the one place it is decided (F7.1, F7.2, F7.3, F7.5).
//! Deny by default: anyone not named here gets nothing, not even the
//! knowledge that a record exists.
//!
//! | question | answered by |
//! | --- | --- |
//! | how does this viewer stand towards this record? | [`access_to`] ([`record`]) |
//! | …towards this supervision agreement, and which of its fields may they read? | [`agreement_access`], [`may_read_agreement_field`] ([`agreement`]) |
//! | may they read this field of it? | [`may_read_field`] ([`fields`]): the guards and the authorization matrix both read it |
//! | who holds a person's file, and who has handed it on? | [`holds_file`], [`HandedOn`] ([`file`]) |
//! | which records go in their lists? | [`takes_part`], [`supervisee_on`], [`wrote_for_others`] ([`lists`]) |
//! | do they hold a role? | [`require_any_role`] in services, `HoldsRole` on GraphQL fields |
//! | whom do they oversee, which units may they (or a BI token) report on? | [`oversees_any`], [`unit_in_scope`], [`scope_roots`], [`ReportingScope`] ([`scope`]) |
//! | who sees a person's wellbeing plans, and their appraisal objectives? | [`sees_wellbeing_of`], [`sees_objectives_of`], [`objectives_readable_of`] ([`wellbeing`]) |
//! | who sees, moves and calls off a booked session? | [`booking_access`] ([`booking`]) |
//! | who knows of, and records, a person's extended absences? | [`absence_access`] ([`absence`]) |
//! | who reads and records observations of a supervisor's practice? | [`observation_access`] ([`observation`]) |
//! | who runs the questionnaire and reads its results? | [`runs_questionnaires`], [`results_reader`] ([`questionnaire`]) |
//! | who opened my records, and why? | [`open_for_purpose`], [`access_to_my_records`] ([`purpose`]) |

pub mod absence;
pub mod agreement;
pub mod booking;
pub mod fields;
pub mod file;
pub mod lists;
pub mod observation;
pub mod purpose;
pub mod questionnaire;
pub mod record;
pub mod scope;
pub mod wellbeing;

pub use absence::{AbsenceAccess, absence_access};
pub use agreement::{AgreementAccess, agreement_access, may_read_agreement_field};
pub use booking::{BookingAccess, booking_access};
pub use fields::{METADATA_FIELDS, may_read_field};
pub use file::{HandedOn, holds_a_file_of, holds_file};
pub use lists::{require_any_role, supervisee_on, takes_part, wrote_for_others};
pub use observation::{ObservationAccess, observation_access};
pub use purpose::{
    AccessToMyRecord, GrantRequest, WhatWasRead, access_to_my_records, log_agreement_read,
    log_privileged_read, open_for_purpose,
};
pub use questionnaire::{ResultsFilter, ResultsReader, results_reader, runs_questionnaires};
pub use record::{RecordAccess, access_to, record_in_organisation};
pub use scope::{
    ReportingScope, in_senior_manager_scope, oversees_any, people_in_scope, scope_roots,
    senior_manager_scope, subtrees, unit_in_reach, unit_in_scope, units_within,
};
pub use wellbeing::{objectives_readable_of, sees_objectives_of, sees_wellbeing_of};
