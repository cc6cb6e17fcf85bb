//! Database rows, one module per table. These are storage types only: the API
//! exposes its own output types, so a new column is never published by
//! accident.

pub mod allocation;
pub mod org_unit;
pub mod organisation;
pub mod session;
pub mod staff;
pub mod staff_role;
pub mod supervision;
pub mod supervision_action;
pub mod supervision_attendee;
