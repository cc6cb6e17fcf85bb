//! Output types. Each is built from service results, never derived from a
//! database row, so what the API publishes is always a deliberate choice.

pub mod absence;
pub mod access;
pub mod action;
pub mod agreement;
pub mod allocation;
pub mod amendment;
pub mod attachment;
pub mod booking;
pub mod case;
pub mod compliance;
pub mod draft;
pub mod email;
pub mod legal_hold;
pub mod me;
pub mod objective;
pub mod observation;
pub mod policy;
pub mod quality;
pub mod questionnaire;
pub mod redaction;
pub mod removal;
pub mod report;
pub mod retention;
pub mod role;
pub mod staff;
pub mod supervision;
pub mod unit;
pub mod wellbeing;
