//! Domain types and pure rules of supervision, used by both the server and the
//! browser. Nothing here touches a database or the network, so every rule can
//! be unit-tested against the policy text it comes from.

pub mod absence;
pub mod access;
pub mod action;
pub mod agreement;
pub mod amendment;
pub mod bi;
pub mod booking;
pub mod case;
pub mod compliance;
pub mod content;
pub mod first_page;
pub mod kind;
pub mod limits;
pub mod navigation;
pub mod objective;
pub mod policy;
pub mod quality;
pub mod record;
pub mod role;
pub mod schedule;
pub mod sharing;
pub mod standing;
pub mod validation;
pub mod wellbeing;

pub use access::AccessPurpose;
pub use compliance::{ComplianceStatus, Policy, Schedule};
pub use content::RecordContent;
pub use kind::{Approach, ComplianceCategory, Mode, SupervisionFunction, SupervisionKind};
pub use record::{FieldError, RecordDraft, RecordSection, validate_record};
pub use role::Role;
pub use validation::{ValidationDecision, ValidationState};

/// Error for a stored or submitted code that names no known value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {value}")]
pub struct UnknownCode {
    /// Which enumeration was being parsed.
    pub what: &'static str,
    /// The text that did not match.
    pub value: String,
}

/// Generates `as_str`, `parse`, `ALL` and `label` for a plain enum whose
/// values are stored in the database as stable snake_case codes. With the
/// `server` feature, an enum that is a column's type also derives sea-orm's
/// `DeriveValueType` with `parse` and `as_str`, so the row holds the value
/// itself and a code nobody knows fails as the row is read.
macro_rules! coded_enum {
    ($ty:ident, $what:literal, { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stable code stored in the database and used in URLs.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }

            /// The wording shown to people.
            pub fn label(self) -> &'static str {
                match self { $($ty::$variant => $label),+ }
            }

            /// Reads a stored code back.
            pub fn parse(code: &str) -> Result<Self, $crate::UnknownCode> {
                match code {
                    $($code => Ok($ty::$variant),)+
                    other => Err($crate::UnknownCode { what: $what, value: other.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use coded_enum;
