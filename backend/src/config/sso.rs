//! Single sign-on settings: the OpenID Connect client registration, how a
//! first sign-in is matched to the directory, and which claimed groups grant
//! which roles.

use openidconnect::{ClientId, ClientSecret, IssuerUrl};
use supervision_shared::Role;

use super::settings::{ConfigError, Settings, invalid};

/// The OpenID Connect client registration (used by single sign-on).
#[derive(Debug, Clone)]
pub struct OidcConfig {
    /// The provider's issuer URL; discovery starts from it.
    pub issuer: IssuerUrl,
    /// This service's client id at the provider.
    pub client_id: ClientId,
    /// This service's client secret, if the provider issued one.
    pub client_secret: Option<ClientSecret>,
    /// How a person is found in the directory on first sign-in, before
    /// their `sub` is remembered.
    pub first_match: FirstMatch,
    /// Shown to people with no staff record (who to contact).
    pub not_set_up_help: String,
    /// The ID-token claim listing the person's groups or roles.
    pub role_claim: String,
    /// The ID-token claim naming the identity provider tenant (Entra ID's
    /// `tid`), checked against each organisation's sign-in settings.
    pub tenant_claim: String,
    /// Which claimed group grants which role (auditor, HR or system
    /// administrator only: roles with a scope come from the directory).
    pub role_map: Vec<(String, Role)>,
}

/// How someone signing in for the first time is matched to the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstMatch {
    /// By the verified `email` claim (the default).
    Email,
    /// By the employee number (e.g. ESR number) in the named claim.
    EmployeeNumber(String),
    /// Only by a `sub` already stored in the directory.
    SubjectOnly,
}

impl FirstMatch {
    pub(super) fn parse(text: &str) -> Result<Self, ConfigError> {
        match text.trim() {
            "email" => Ok(Self::Email),
            "none" => Ok(Self::SubjectOnly),
            other => match other.strip_prefix("employee_number:").map(str::trim) {
                Some(claim) if !claim.is_empty() => Ok(Self::EmployeeNumber(claim.to_owned())),
                _ => Err(invalid(
                    "SUPERVISION_OIDC_MATCH_CLAIM",
                    format!("'{other}' is not email, none or employee_number:<claim>"),
                )),
            },
        }
    }
}

/// Reads `group=role;group=role`.
pub(super) fn parse_role_map(text: &str) -> Result<Vec<(String, Role)>, ConfigError> {
    let setting = "SUPERVISION_OIDC_ROLE_MAP";
    text.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (group, role) = pair
                .rsplit_once('=')
                .ok_or_else(|| invalid(setting, format!("'{pair}' is not group=role")))?;
            let role = Role::parse(role.trim()).map_err(|e| invalid(setting, e.to_string()))?;
            if !matches!(role, Role::Auditor | Role::HrAdmin | Role::SystemAdmin) {
                return Err(invalid(
                    setting,
                    format!(
                        "{} comes from the directory, not from a claim",
                        role.as_str()
                    ),
                ));
            }
            Ok((group.trim().to_owned(), role))
        })
        .collect()
}

impl OidcConfig {
    /// Single sign-on, when an issuer is set.
    pub(super) fn from_settings(settings: &Settings<'_>) -> Result<Option<Self>, ConfigError> {
        Ok(match settings.text("SUPERVISION_OIDC_ISSUER") {
        None => None,
        Some(issuer) => Some(Self {
            issuer: IssuerUrl::new(issuer)
                .map_err(|e| invalid("SUPERVISION_OIDC_ISSUER", e.to_string()))?,
            client_id: ClientId::new(settings.text("SUPERVISION_OIDC_CLIENT_ID").ok_or_else(|| {
                invalid(
                    "SUPERVISION_OIDC_CLIENT_ID",
                    "required when an OIDC issuer is set",
                )
            })?),
            client_secret: settings.text("SUPERVISION_OIDC_CLIENT_SECRET").map(ClientSecret::new),
            first_match: FirstMatch::parse(
                &settings.text("SUPERVISION_OIDC_MATCH_CLAIM").unwrap_or_else(|| "email".into()),
            )?,
            not_set_up_help: settings.text("SUPERVISION_NOT_SET_UP_HELP").unwrap_or_else(|| {
                "Ask your line manager or the IT service desk to add you to the supervision system.".into()
            }),
            role_claim: settings.text("SUPERVISION_OIDC_ROLE_CLAIM").unwrap_or_else(|| "groups".into()),
            tenant_claim: settings.text("SUPERVISION_OIDC_TENANT_CLAIM").unwrap_or_else(|| "tid".into()),
            role_map: parse_role_map(&settings.text("SUPERVISION_OIDC_ROLE_MAP").unwrap_or_default())?,
        }),
    })
    }
}
