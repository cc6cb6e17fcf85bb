//! The provider ending sessions itself: back-channel logout tokens,
//! checked, end every session of their `sid` or `sub`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use openidconnect::core::CoreJwsSigningAlgorithm;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Deserialize;

use crate::AppState;
use crate::config::OidcConfig;
use crate::entity::staff;
use crate::error::AppError;
use crate::service::audit::{self, AuditEntry};

use super::*;

/// The form a provider posts to the back-channel logout endpoint.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    logout_token: String,
}

/// The event a logout token must carry.
pub(super) const BACKCHANNEL_LOGOUT_EVENT: &str =
    "http://schemas.openid.net/event/backchannel-logout";

/// Back-channel logout (OpenID Connect Back-Channel Logout 1.0): the provider
/// tells us a person signed out there; every matching session here ends.
pub async fn backchannel_logout(
    State(state): State<AppState>,
    axum::Form(form): axum::Form<LogoutForm>,
) -> Response {
    let refuse = |why: &str| {
        tracing::warn!(reason = why, "back-channel logout refused");
        (
            StatusCode::BAD_REQUEST,
            [(axum::http::header::CACHE_CONTROL, "no-store")],
            axum::Json(serde_json::json!({ "error": "invalid_request" })),
        )
            .into_response()
    };
    let Some(oidc) = state.oidc.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let provider = match oidc.provider().await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let checked = match check_logout_token(&provider, &oidc.config, &form.logout_token) {
        Err(LogoutTokenError::UnknownKey) => match oidc.refresh_keys().await {
            Some(fresh) => check_logout_token(&fresh, &oidc.config, &form.logout_token),
            None => Err(LogoutTokenError::UnknownKey),
        },
        other => other,
    };
    let (sub, sid) = match checked {
        Ok(ids) => ids,
        Err(err) => return refuse(&err.to_string()),
    };
    match end_sessions(&state.db, sub.as_deref(), sid.as_deref()).await {
        Ok(()) => (
            StatusCode::OK,
            [(axum::http::header::CACHE_CONTROL, "no-store")],
        )
            .into_response(),
        Err(err) => err.into_response(),
    }
}

/// Why a logout token was refused.
#[derive(Debug, thiserror::Error)]
pub(super) enum LogoutTokenError {
    #[error("not a signed JWT")]
    Malformed,
    #[error("typ is not logout+jwt")]
    WrongType,
    #[error("algorithm not allowed")]
    Algorithm,
    #[error("signed with a key the provider does not publish")]
    UnknownKey,
    #[error("bad signature")]
    Signature,
    #[error("{0}")]
    Claims(&'static str),
}

/// Checks a logout token: `typ` logout+jwt, an allowed asymmetric algorithm,
/// signature by a published key, issuer, audience, issue time, the
/// back-channel `events` claim, no `nonce`, and a `sub` or `sid`.
// Long by design: the specification's checks, one after another, in its order.
pub(super) fn check_logout_token(
    provider: &Provider,
    config: &OidcConfig,
    token: &str,
) -> Result<(Option<String>, Option<String>), LogoutTokenError> {
    use base64::Engine;
    use openidconnect::JsonWebKey;
    let decode = |part: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .ok()
    };
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LogoutTokenError::Malformed);
    };
    let header_json: serde_json::Value = decode(header)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(LogoutTokenError::Malformed)?;
    let claims: serde_json::Value = decode(payload)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(LogoutTokenError::Malformed)?;
    let signature = decode(signature).ok_or(LogoutTokenError::Malformed)?;

    let typ = header_json["typ"]
        .as_str()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if typ != "logout+jwt" && typ != "application/logout+jwt" {
        return Err(LogoutTokenError::WrongType);
    }
    let alg = match header_json["alg"].as_str() {
        Some("RS256") => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some("PS256") => CoreJwsSigningAlgorithm::RsaSsaPssSha256,
        Some("ES256") => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        _ => return Err(LogoutTokenError::Algorithm),
    };
    let keys = provider.jwks.keys();
    let key = match header_json["kid"].as_str() {
        Some(kid) => keys
            .iter()
            .find(|k| k.key_id().is_some_and(|id| id.as_str() == kid)),
        None if keys.len() == 1 => keys.first(),
        None => None,
    }
    .ok_or(LogoutTokenError::UnknownKey)?;
    let signing_input = &token[..header.len() + 1 + payload.len()];
    key.verify_signature(&alg, signing_input.as_bytes(), &signature)
        .map_err(|_| LogoutTokenError::Signature)?;

    if claims["iss"].as_str() != Some(config.issuer.as_str()) {
        return Err(LogoutTokenError::Claims("wrong issuer"));
    }
    let client = config.client_id.as_str();
    let audience_ok = match &claims["aud"] {
        serde_json::Value::String(aud) => aud == client,
        serde_json::Value::Array(list) => list.iter().any(|a| a.as_str() == Some(client)),
        _ => false,
    };
    if !audience_ok {
        return Err(LogoutTokenError::Claims("wrong audience"));
    }
    let now = chrono::Utc::now().timestamp();
    match claims["iat"].as_i64() {
        Some(iat) if iat <= now + 300 && iat >= now - 600 => {}
        _ => {
            return Err(LogoutTokenError::Claims(
                "issue time missing or outside the window",
            ));
        }
    }
    if claims["exp"].as_i64().is_some_and(|exp| exp < now) {
        return Err(LogoutTokenError::Claims("expired"));
    }
    if claims["events"].get(BACKCHANNEL_LOGOUT_EVENT).is_none() {
        return Err(LogoutTokenError::Claims("no back-channel logout event"));
    }
    if claims.get("nonce").is_some() {
        return Err(LogoutTokenError::Claims(
            "a logout token must not carry a nonce",
        ));
    }
    let sub = claims["sub"].as_str().map(str::to_owned);
    let sid = claims["sid"].as_str().map(str::to_owned);
    if sub.is_none() && sid.is_none() {
        return Err(LogoutTokenError::Claims("neither sub nor sid"));
    }
    Ok((sub, sid))
}

/// Ends the sessions of a provider session (`sid`), or of a person (`sub`),
/// and audits each end.
pub(super) async fn end_sessions(
    db: &DatabaseConnection,
    sub: Option<&str>,
    sid: Option<&str>,
) -> Result<(), AppError> {
    use crate::entity::session;
    let condition = match (sid, sub) {
        (Some(sid), _) => session::Column::OidcSid.eq(sid),
        (None, Some(sub)) => session::Column::OidcSub.eq(sub),
        (None, None) => return Ok(()),
    };
    let ended = session::Entity::find()
        .filter(condition.clone())
        .all(db)
        .await?;
    session::Entity::delete_many()
        .filter(condition)
        .exec(db)
        .await?;
    for staff_id in ended.iter().filter_map(|s| s.staff_id) {
        if let Some(person) = staff::Entity::find_by_id(staff_id).one(db).await? {
            audit::record_now(
                db,
                AuditEntry {
                    organisation_id: person.organisation_id,
                    actor_id: Some(person.id),
                    action: "auth.session_end",
                    subject_type: "staff",
                    subject_id: Some(person.id),
                    detail: serde_json::json!({ "why": "back-channel logout" }),
                },
            )
            .await?;
        }
    }
    Ok(())
}
