//! Who is signed in.

use serde::Deserialize;
use supervision_shared::Role;
use uuid::Uuid;

use super::{ApiError, graphql};

/// The signed-in person, as the `me` query returns them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    /// Their staff id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// The organisation they work for.
    pub organisation_name: String,
    /// Every role they hold.
    pub roles: Vec<Role>,
    /// Their organisation's time zone, in which "today" is judged.
    pub time_zone: String,
    /// Today where the organisation is, as the server judged it.
    pub today: Today,
    /// They have a line manager or clinical supervisor today, so are
    /// themselves supervised (an auditor or administrator granted the role
    /// with no one over them is not).
    #[serde(default)]
    pub supervised: bool,
}

/// The organisation's day: its date, and how long it has left.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Today {
    /// The date. (Read by the app's own small reader: chrono's general
    /// one, which the pages' code brings, would otherwise come with the
    /// first page, 7 KB more of it.)
    #[serde(deserialize_with = "crate::dates::deserialize_iso")]
    pub date: chrono::NaiveDate,
    /// Seconds until the organisation's next midnight, when asked.
    pub seconds_left: i64,
}

impl Me {
    /// Whether they oversee units' compliance, so see the team report.
    pub fn is_senior_manager(&self) -> bool {
        self.roles.contains(&Role::SeniorManager)
    }

    /// Whether they keep the directory in step with the HR system.
    pub fn is_hr_admin(&self) -> bool {
        self.roles.contains(&Role::HrAdmin)
    }

    /// Whether they audit supervision records (dip-sample rounds).
    pub fn is_auditor(&self) -> bool {
        self.roles.contains(&Role::Auditor)
    }

    /// Whether they run the system, so decide removal requests.
    pub fn is_system_admin(&self) -> bool {
        self.roles.contains(&Role::SystemAdmin)
    }
}

const ME: &str = "query Me { me { id name jobTitle organisationName roles timeZone today { date secondsLeft } supervised } }";

#[derive(Deserialize)]
struct MeData {
    me: Me,
}

/// Fetches the signed-in person.
pub async fn fetch_me() -> Result<Me, ApiError> {
    let data: MeData = graphql(ME, serde_json::json!({})).await?;
    crate::dates::judge_days_in(&data.me.time_zone, data.me.today);
    Ok(data.me)
}
