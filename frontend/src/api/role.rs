//! Roles granted in the directory (F2.2): the list, granting one and
//! ending one, for system administrators.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use supervision_shared::Role;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// One role held by one person.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleGrant {
    /// The grant, to end it by.
    pub id: Uuid,
    /// Who holds it (none if their card cannot be read).
    pub person: Option<StaffSummary>,
    /// Which role.
    pub role: Role,
    /// For a senior manager: the unit their scope starts at.
    pub unit_id: Option<Uuid>,
    /// That unit's name.
    pub unit_name: Option<String>,
    /// Who granted it (not kept for grants made before the service did).
    pub granted_by: Option<StaffSummary>,
    /// When.
    pub granted_at: Option<DateTime<Utc>>,
}

impl RoleGrant {
    /// The role in words, with a senior manager's unit: "Senior manager of
    /// Community Services".
    pub fn description(&self) -> String {
        match self.unit_name.as_deref().filter(|n| !n.is_empty()) {
            Some(unit) => format!("{} of {unit}", self.role.label()),
            None => self.role.label().to_owned(),
        }
    }
}

/// A role to grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewGrant {
    /// The person.
    pub staff_id: Uuid,
    /// Senior manager, auditor, HR administrator or system administrator.
    pub role: Role,
    /// For a senior manager, the unit their scope starts at.
    pub unit_id: Option<Uuid>,
}

const ROLE_GRANTS: &str = "query RoleGrants { roleGrants { \
    id person { id name jobTitle teamName } role unitId unitName \
    grantedBy { id name jobTitle teamName } grantedAt } }";

const GRANT_ROLE: &str = "mutation GrantRole($input: GrantRoleInput!) { grantRole(input: $input) }";

const END_ROLE_GRANT: &str = "mutation EndRoleGrant($id: UUID!) { endRoleGrant(id: $id) }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleGrantsData {
    role_grants: Vec<RoleGrant>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GrantRoleData {
    grant_role: Uuid,
}

/// Every role granted in the caller's organisation.
pub async fn role_grants() -> Result<Vec<RoleGrant>, ApiError> {
    let data: RoleGrantsData = graphql(ROLE_GRANTS, serde_json::json!({})).await?;
    Ok(data.role_grants)
}

/// Grants a role; the new grant's id. Field errors name `staffId`, `role`
/// and `unitId`.
pub async fn grant_role(grant: &NewGrant) -> Result<Uuid, ApiError> {
    let data: GrantRoleData = graphql(GRANT_ROLE, serde_json::json!({ "input": grant })).await?;
    Ok(data.grant_role)
}

/// Ends a grant. The last system administrator's is refused, with a
/// message on the field `id`.
pub async fn end_role_grant(id: Uuid) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(END_ROLE_GRANT, serde_json::json!({ "id": id })).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_reads_as_the_server_writes_it() {
        let Ok(data) = serde_json::from_str::<RoleGrantsData>(
            r#"{"roleGrants":[{"id":"00000000-0000-0000-0000-000000000001",
              "person":{"id":"00000000-0000-0000-0000-000000000002","name":"Helen Carter","jobTitle":"Head","teamName":"Community Services"},
              "role":"SENIOR_MANAGER","unitId":"00000000-0000-0000-0000-000000000003","unitName":"Community Services",
              "grantedBy":null,"grantedAt":null}]}"#,
        ) else {
            panic!("the example response should parse");
        };
        assert_eq!(
            data.role_grants[0].description(),
            "Senior manager of Community Services"
        );
    }

    #[test]
    fn a_grant_is_sent_with_the_api_names() {
        let grant = NewGrant {
            staff_id: Uuid::nil(),
            role: Role::Auditor,
            unit_id: None,
        };
        let sent = serde_json::to_value(&grant).unwrap_or_default();
        assert_eq!(sent["role"], "AUDITOR");
        assert!(sent["unitId"].is_null());
        assert!(sent.get("staffId").is_some());
    }
}
