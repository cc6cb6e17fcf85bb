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
    /// They have a line manager or clinical supervisor today, so are
    /// themselves supervised (an auditor or administrator granted the role
    /// with no one over them is not).
    #[serde(default)]
    pub supervised: bool,
}

impl Me {
    /// Whether supervision is part of their own work: they are supervised,
    /// or supervise or manage someone. Only then are recording, actions and
    /// cases offered to them.
    pub fn in_supervision(&self) -> bool {
        self.supervised || self.has_supervisees()
    }

    /// Whether they supervise or line-manage anyone, so have supervisees to list.
    pub fn has_supervisees(&self) -> bool {
        self.roles
            .iter()
            .any(|r| matches!(r, Role::Supervisor | Role::LineManager))
    }

    /// Whether they oversee units' compliance, so see the team report.
    pub fn is_senior_manager(&self) -> bool {
        self.roles.contains(&Role::SeniorManager)
    }

    /// Whether they keep the directory in step with the HR system.
    pub fn is_hr_admin(&self) -> bool {
        self.roles.contains(&Role::HrAdmin)
    }

    /// Whether they run the system, so decide removal requests.
    pub fn is_system_admin(&self) -> bool {
        self.roles.contains(&Role::SystemAdmin)
    }
}

const ME: &str = "query Me { me { id name jobTitle organisationName roles timeZone supervised } }";

#[derive(Deserialize)]
struct MeData {
    me: Me,
}

/// Fetches the signed-in person.
pub async fn fetch_me() -> Result<Me, ApiError> {
    let data: MeData = graphql(ME, serde_json::json!({})).await?;
    crate::dates::judge_days_in(&data.me.time_zone);
    Ok(data.me)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(roles: Vec<Role>, supervised: bool) -> Me {
        Me {
            id: Uuid::from_u128(1),
            name: "Grace Liu".into(),
            job_title: String::new(),
            organisation_name: String::new(),
            roles,
            time_zone: "Europe/London".into(),
            supervised,
        }
    }

    #[test]
    fn supervision_is_their_work_when_they_are_supervised_or_supervise() {
        assert!(!person(vec![Role::Staff, Role::Auditor], false).in_supervision());
        assert!(person(vec![Role::Staff], true).in_supervision());
        assert!(person(vec![Role::Staff, Role::Supervisor], false).in_supervision());
        assert!(person(vec![Role::Staff, Role::LineManager], false).in_supervision());
    }
}
