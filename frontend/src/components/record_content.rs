//! A record's content (when, how long, how and where a session was held,
//! and what was discussed) as the record form and the amend form both ask
//! for it: one set of fields, one enum of its text fields, and one reading
//! of what was typed into the shared crate's `RecordContent`. What differs
//! stays with each form: the record form's supervisees, cases, actions and
//! drafts, and the amend form's reason.

mod fields;
mod values;

pub use fields::{
    ContentForm, CycleSections, FunctionsField, HowHeldFields, SessionFields, WhenHeldFields,
};
pub use values::{ContentValues, HasContent, add_rule_errors};
