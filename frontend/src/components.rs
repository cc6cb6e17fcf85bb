//! Pieces of interface used by more than one page.

pub mod action_facts;
pub mod action_update;
pub mod compliance_tag;
pub mod confirm_button;
pub mod date_input;
pub mod decision_form;
pub mod error_summary;
pub mod field_error;
pub mod nav;
pub mod offline_notice;
pub mod purpose_form;
pub mod reason_field;
pub mod record_content;
pub mod role_gate;
pub mod session_timer;
pub mod staff_picker;
pub mod status;
pub mod text_area;
