//! Who an ID token says someone is: its checks, and the member of staff
//! it matches (by the remembered `sub`, then by the configured claim).

use openidconnect::ClaimsVerificationError;
use openidconnect::Nonce;
use openidconnect::core::CoreJwsSigningAlgorithm;
use openidconnect::core::{CoreIdToken, CoreIdTokenClaims};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::config::OidcConfig;
use crate::entity::{organisation, staff};
use crate::error::AppError;
use crate::service::directory::ACTIVE;

use super::*;

/// Full ID-token validation: signature against the provider's keys with an
/// allow-list of asymmetric algorithms (never `none`, never an HMAC keyed with
/// a public key), issuer, audience (and `azp` with several audiences), expiry,
/// issue time within a small skew, and nonce.
pub(super) fn verify_id_token<'t>(
    provider: &Provider,
    id_token: &'t CoreIdToken,
    nonce: &Nonce,
) -> Result<&'t CoreIdTokenClaims, ClaimsVerificationError> {
    let verifier = provider
        .client
        .id_token_verifier()
        .set_allowed_algs([
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        ])
        .set_issue_time_verifier_fn(|issued| {
            let now = chrono::Utc::now();
            if issued > now + chrono::Duration::minutes(5)
                || issued < now - chrono::Duration::hours(1)
            {
                Err(format!("issued at {issued}, outside the accepted window"))
            } else {
                Ok(())
            }
        });
    id_token.claims(&verifier, nonce)
}

/// What a verified token says about where the person signs in from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Presented<'a> {
    /// The identity provider tenant (Entra ID's `tid`).
    pub tenant: Option<&'a str>,
    /// The verified email.
    pub email: Option<&'a str>,
}

/// The staff record for a subject: by the remembered `sub`; on first sign-in
/// by the configured claim (verified email, or an employee number), then the
/// `sub` is remembered. Leavers never match, and nor does anyone whose
/// organisation's sign-in settings do not admit what the token presents.
pub(super) async fn match_staff(
    db: &DatabaseConnection,
    subject: &str,
    first: Option<(staff::Column, String)>,
    presented: Presented<'_>,
) -> Result<Option<staff::Model>, AppError> {
    let remembered = staff::Entity::find()
        .filter(staff::Column::OidcSubject.eq(subject))
        .filter(staff::Column::Status.eq(ACTIVE))
        .all(db)
        .await?;
    if let Some(person) = admitted(db, remembered, presented).await?.pop() {
        return Ok(Some(person));
    }
    let Some((column, value)) = first else {
        return Ok(None);
    };
    // Several organisations share a deployment, and one email (a bank
    // nurse's, say) may be in more than one: a first match must name one
    // person of an organisation that admits the sign-in, or nobody is
    // signed in rather than the wrong organisation's.
    let candidates = staff::Entity::find()
        .filter(column.eq(value))
        .filter(staff::Column::Status.eq(ACTIVE))
        .filter(staff::Column::OidcSubject.is_null())
        .all(db)
        .await?;
    let mut candidates = admitted(db, candidates, presented).await?;
    if candidates.len() > 1 {
        tracing::warn!(
            subject,
            "first sign-in matches people in more than one organisation"
        );
        return Ok(None);
    }
    let Some(person) = candidates.pop() else {
        return Ok(None);
    };
    let mut row: staff::ActiveModel = person.clone().into();
    row.oidc_subject = Set(Some(subject.to_owned()));
    use sea_orm::ActiveModelTrait;
    row.update(db).await?;
    Ok(Some(person))
}

/// Those of `people` whose organisation's sign-in settings admit what the
/// token presents.
async fn admitted(
    db: &DatabaseConnection,
    people: Vec<staff::Model>,
    presented: Presented<'_>,
) -> Result<Vec<staff::Model>, AppError> {
    if people.is_empty() {
        return Ok(people);
    }
    let organisations: std::collections::HashMap<uuid::Uuid, organisation::Model> =
        organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(people.iter().map(|p| p.organisation_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
    Ok(people
        .into_iter()
        .filter(|p| {
            organisations
                .get(&p.organisation_id)
                .is_some_and(|o| o.admits(presented.tenant, presented.email))
        })
        .collect())
}

/// A string claim of a token whose signature and claims were verified
/// already (the core claims type has no `sid`).
pub(super) fn claim_of_verified(token: &str, name: &str) -> Option<String> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get(name)?.as_str().map(str::to_owned)
}

/// Roles granted through the configured group claim of a verified token.
pub(super) fn claimed_roles(token: &str, config: &OidcConfig) -> Vec<supervision_shared::Role> {
    use base64::Engine;
    let Some(claims) = token
        .split('.')
        .nth(1)
        .and_then(|p| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .ok()
        })
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
    else {
        return Vec::new();
    };
    let groups: Vec<&str> = match &claims[config.role_claim.as_str()] {
        serde_json::Value::Array(list) => list.iter().filter_map(|g| g.as_str()).collect(),
        serde_json::Value::String(one) => vec![one.as_str()],
        _ => Vec::new(),
    };
    config
        .role_map
        .iter()
        .filter(|(group, _)| groups.contains(&group.as_str()))
        .map(|(_, role)| *role)
        .collect()
}

pub(super) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
