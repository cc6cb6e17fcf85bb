//! The signed-in person.

use async_graphql::SimpleObject;
use supervision_shared::Role;
use uuid::Uuid;

/// Who is signed in, and what they may do.
#[derive(Debug, Clone, SimpleObject)]
pub struct Me {
    /// Staff id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// Their organisation.
    pub organisation_name: String,
    /// Every role they hold today.
    pub roles: Vec<Role>,
    /// Their organisation's time zone (IANA name): the one "today" is
    /// judged in, e.g. whether a session's date is in the future.
    pub time_zone: String,
    /// Whether they have a line manager or clinical supervisor today, so
    /// are themselves supervised: their home page shows their own
    /// supervision's standing only then.
    pub supervised: bool,
}
