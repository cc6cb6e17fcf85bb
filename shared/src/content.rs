//! What a record says about a session: when, how long, how and where it
//! was held, and what was discussed. A new record and an amendment carry
//! the same content, so it is one type, flattened into both inputs to keep
//! their GraphQL and JSON field names as they were.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::kind::{Approach, Mode, SupervisionFunction};

/// The fields a recorder writes when recording a session and may change
/// when amending it (F3, F4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "RecordContentInput"))]
pub struct RecordContent {
    /// Approach, for one-to-one and group clinical supervision only.
    pub approach: Option<Approach>,
    /// The day the session took place (often before the day it is recorded).
    pub held_on: NaiveDate,
    /// Length of the session in minutes.
    pub duration_minutes: u32,
    /// Face to face, video or phone.
    pub mode: Mode,
    /// Where it took place.
    #[cfg_attr(feature = "server", graphql(default))]
    pub location: String,
    /// Only for external supervision: who supervised, and from where.
    pub external_supervisor: Option<String>,
    /// Experience: what happened, the story.
    #[cfg_attr(feature = "server", graphql(default))]
    pub experience: String,
    /// Reflection: thoughts and feelings about it.
    #[cfg_attr(feature = "server", graphql(default))]
    pub reflection: String,
    /// Analysis: what it means, what knowledge and evidence apply.
    #[cfg_attr(feature = "server", graphql(default))]
    pub analysis: String,
    /// Action plan: what will happen next.
    #[cfg_attr(feature = "server", graphql(default))]
    pub action_plan: String,
    /// Anything else.
    #[cfg_attr(feature = "server", graphql(default))]
    pub notes: String,
    /// Which functions of supervision were covered.
    #[cfg_attr(feature = "server", graphql(default))]
    pub functions: Vec<SupervisionFunction>,
}
