//! Purpose-bound access (F7.3): which roles may open content for which
//! purpose, and for how long.

use supervision_shared::{AccessPurpose, Role};

use super::settings::{ConfigError, invalid};

/// Which roles may open content for which purpose (F7.3), and for how long.
#[derive(Debug, Clone)]
pub struct AccessPolicy {
    /// Purposes each role may state.
    pub purposes: Vec<(Role, Vec<AccessPurpose>)>,
    /// How long a grant lasts.
    pub grant_duration: chrono::Duration,
}

impl AccessPolicy {
    /// Whether any of these roles may open content for this purpose.
    pub fn allows(&self, roles: &[Role], purpose: AccessPurpose) -> bool {
        self.purposes
            .iter()
            .any(|(role, purposes)| roles.contains(role) && purposes.contains(&purpose))
    }

    /// Reads `role:purpose,purpose;role:purpose` (codes as stored).
    pub(super) fn parse(text: &str, hours: i64) -> Result<Self, ConfigError> {
        let setting = "SUPERVISION_PURPOSE_ROLES";
        let mut purposes = Vec::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (role, list) = part
                .split_once(':')
                .ok_or_else(|| invalid(setting, format!("'{part}' is not role:purpose,…")))?;
            let role = Role::parse(role.trim()).map_err(|e| invalid(setting, e.to_string()))?;
            if !matches!(
                role,
                Role::Auditor | Role::HrAdmin | Role::SeniorManager | Role::SystemAdmin
            ) {
                return Err(invalid(
                    setting,
                    format!("{} cannot be given purpose-bound access", role.as_str()),
                ));
            }
            let list = list
                .split(',')
                .map(|p| {
                    AccessPurpose::parse(p.trim()).map_err(|e| invalid(setting, e.to_string()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            purposes.push((role, list));
        }
        Ok(Self {
            purposes,
            grant_duration: chrono::Duration::hours(hours),
        })
    }
}

/// Default: auditors for audit; HR for concerns, legal requests and
/// transfers; senior managers for transfers and concerns.
pub(super) const DEFAULT_PURPOSE_ROLES: &str = "auditor:audit_qa;hr_admin:formal_concern,legal,transfer;senior_manager:transfer,formal_concern";
