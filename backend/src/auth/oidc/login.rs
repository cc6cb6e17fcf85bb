//! Signing in: the redirect to the provider, and the callback that checks
//! what comes back and signs the person in, or says why not.

use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use openidconnect::core::{CoreIdToken, CoreIdTokenClaims, CoreResponseType};
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, CsrfToken, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    Scope, TokenResponse,
};
use openidconnect::{ClaimsVerificationError, SignatureVerificationError};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::return_to::safe_return;
use crate::auth::{SessionIdentity, sign_in};
use crate::config::FirstMatch;
use crate::entity::staff;
use crate::error::AppError;
use crate::service::audit::{self, AuditEntry};

use super::*;

/// Query of `/auth/login` and `/signin`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    #[serde(rename = "return")]
    return_to: Option<String>,
}

/// Starts sign-in: remembers state, nonce, PKCE verifier and the page to
/// return to, then redirects to the provider.
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<LoginQuery>,
) -> Response {
    let Some(oidc) = state.oidc.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let provider = match oidc.provider().await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = provider
        .client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let pending = PendingLogin {
        state: csrf.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        return_to: safe_return(query.return_to.as_deref().unwrap_or("/")),
    };
    if let Err(err) = session.insert(PENDING_KEY, pending).await {
        return AppError::Internal(err.into()).into_response();
    }
    Redirect::to(url.as_str()).into_response()
}

/// Query of the callback.
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Why a sign-in did not complete; logged, and shown plainly.
pub(super) fn refused(why: &str) -> Response {
    tracing::warn!(reason = why, "sign-in refused");
    (
        StatusCode::BAD_REQUEST,
        Html(page(
            "Sign-in did not complete",
            "<p>Something went wrong while signing you in. <a href=\"/\">Try again</a>.</p>",
        )),
    )
        .into_response()
}

/// Refuses a sign-in and records the failure: when, from where, why.
pub(super) async fn refused_at(
    db: &DatabaseConnection,
    from: std::net::SocketAddr,
    why: &str,
) -> Response {
    if let Err(err) = record_failure(db, from, why, None, None, None).await {
        return err.into_response();
    }
    refused(why)
}

/// Writes a failed sign-in to `sign_in_failure`.
pub(super) async fn record_failure(
    db: &DatabaseConnection,
    from: std::net::SocketAddr,
    why: &str,
    organisation_id: Option<uuid::Uuid>,
    subject: Option<&str>,
    email: Option<&str>,
) -> Result<(), AppError> {
    use crate::entity::sign_in_failure;
    let reason: String = why.chars().take(500).collect();
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        organisation_id: Set(organisation_id),
        occurred_at: Set(chrono::Utc::now()),
        subject: Set(subject.map(|s| s.chars().take(255).collect())),
        email: Set(email.map(|e| e.chars().take(320).collect())),
        from_address: Set(from.ip().to_string()),
        reason: Set(reason),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A minimal, self-contained page for the sign-in outcomes that happen
/// before the app can load.
pub(super) fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Supervision records</title><style>body{{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c}}a{{color:#1d4ed8}}</style></head>\
         <body><main><h1>{title}</h1>{body}</main></body></html>"
    )
}

/// Completes sign-in: checks state, exchanges the code with the PKCE
/// verifier, validates the ID token (signature, issuer, audience, expiry,
/// issue time, nonce) and signs in the matching member of staff.
pub async fn callback(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<std::net::SocketAddr>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let Some(oidc) = state.oidc.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let provider = match oidc.provider().await {
        Ok(p) => p,
        Err(response) => return response,
    };
    // One use only: whatever happens next, this pending login is spent.
    let pending: Option<PendingLogin> = session.remove(PENDING_KEY).await.ok().flatten();
    let Some(pending) = pending else {
        return refused_at(&state.db, from, "no pending login in this session").await;
    };
    let id_token = match exchange(oidc, &provider, &pending, query).await {
        Ok(token) => token,
        Err(why) => return refused_at(&state.db, from, &why).await,
    };
    let claims = match verified(oidc, &provider, &id_token, &Nonce::new(pending.nonce)).await {
        Ok(claims) => claims,
        Err(why) => return refused_at(&state.db, from, &why).await,
    };
    match admit(&state, &session, from, oidc, &id_token, claims).await {
        Ok(()) => Redirect::to(&pending.return_to).into_response(),
        Err(response) => response,
    }
}

/// Checks what the provider sent back against the pending login and
/// exchanges the code (with the PKCE verifier) for an ID token; `Err` says
/// why the sign-in is refused.
async fn exchange(
    oidc: &Oidc,
    provider: &Provider,
    pending: &PendingLogin,
    query: CallbackQuery,
) -> Result<CoreIdToken, String> {
    if let Some(error) = query.error {
        return Err(format!("provider error: {error}"));
    }
    let (Some(code), Some(returned_state)) = (query.code, query.state) else {
        return Err("missing code or state".to_owned());
    };
    if !constant_time_eq(returned_state.as_bytes(), pending.state.as_bytes()) {
        return Err("state mismatch".to_owned());
    }
    let tokens = provider
        .client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|err| format!("token endpoint: {err}"))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&oidc.http)
        .await
        .map_err(|err| format!("code exchange failed: {err}"))?;
    tokens
        .id_token()
        .cloned()
        .ok_or_else(|| "no ID token".to_owned())
}

/// The ID token's claims once its signature, issuer, audience, expiry and
/// nonce are checked. A key not seen before may mean the provider rotated
/// its keys: they are fetched again (at most once a minute) and the token
/// checked once more.
async fn verified<'t>(
    oidc: &Oidc,
    provider: &Provider,
    id_token: &'t CoreIdToken,
    nonce: &Nonce,
) -> Result<&'t CoreIdTokenClaims, String> {
    match verify_id_token(provider, id_token, nonce) {
        Ok(claims) => Ok(claims),
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => match oidc.refresh_keys().await {
            Some(fresh) => verify_id_token(&fresh, id_token, nonce)
                .map_err(|err| format!("ID token rejected after refreshing keys: {err}")),
            None => Err("ID token signed with an unknown key".to_owned()),
        },
        Err(err) => Err(format!("ID token rejected: {err}")),
    }
}

/// Finds the person the verified claims name and signs them in, or answers
/// with the page that says they are not set up (audited as a refusal).
async fn admit(
    state: &AppState,
    session: &Session,
    from: std::net::SocketAddr,
    oidc: &Oidc,
    id_token: &CoreIdToken,
    claims: &CoreIdTokenClaims,
) -> Result<(), Response> {
    let subject = claims.subject().as_str().to_owned();
    let email = claims
        .email()
        .filter(|_| claims.email_verified() != Some(false))
        .map(|e| e.as_str().to_lowercase());
    let token = id_token.to_string();
    let first = match &oidc.config.first_match {
        FirstMatch::Email => email.clone().map(|e| (staff::Column::Email, e)),
        FirstMatch::EmployeeNumber(claim) => {
            claim_of_verified(&token, claim).map(|n| (staff::Column::EmployeeNumber, n))
        }
        FirstMatch::SubjectOnly => None,
    };
    let respond = IntoResponse::into_response;
    let tenant = claim_of_verified(&token, &oidc.config.tenant_claim);
    let presented = Presented {
        tenant: tenant.as_deref(),
        email: email.as_deref(),
    };
    let Some(person) = match_staff(&state.db, &subject, first, presented)
        .await
        .map_err(respond)?
    else {
        tracing::info!(subject, "sign-in by someone with no current staff record");
        audit_leaver_refusal(&state.db, &subject, email.as_deref(), from)
            .await
            .map_err(respond)?;
        record_failure(
            &state.db,
            from,
            "no current staff record",
            None,
            Some(&subject),
            email.as_deref(),
        )
        .await
        .map_err(respond)?;
        return Err(not_set_up(&oidc.config.not_set_up_help));
    };
    sign_in(
        session,
        SessionIdentity {
            staff_id: person.id,
            organisation_id: person.organisation_id,
            signed_in_at: 0,
            oidc_sub: Some(subject),
            oidc_sid: claim_of_verified(&token, "sid"),
            claimed_roles: claimed_roles(&token, &oidc.config),
        },
    )
    .await
    .map_err(respond)?;
    let _ = session.insert(ID_TOKEN_KEY, token).await;
    audit::record_now(
        &state.db,
        AuditEntry {
            organisation_id: person.organisation_id,
            actor_id: Some(person.id),
            action: "auth.sign_in",
            subject_type: "staff",
            subject_id: Some(person.id),
            detail: serde_json::json!({ "method": "oidc", "from": from.ip().to_string() }),
        },
    )
    .await
    .map_err(respond)
}

/// A leaver who tries to sign in is refused; that refusal is audited in
/// their organisation. (Someone entirely unknown has no organisation: their
/// attempt is in the server log.)
pub(super) async fn audit_leaver_refusal(
    db: &DatabaseConnection,
    subject: &str,
    email: Option<&str>,
    from: std::net::SocketAddr,
) -> Result<(), AppError> {
    use sea_orm::Condition;
    let mut who = Condition::any().add(staff::Column::OidcSubject.eq(subject));
    if let Some(email) = email {
        who = who.add(staff::Column::Email.eq(email));
    }
    if let Some(leaver) = staff::Entity::find().filter(who).one(db).await? {
        audit::record_now(
            db,
            AuditEntry {
                organisation_id: leaver.organisation_id,
                actor_id: Some(leaver.id),
                action: "auth.sign_in_refused",
                subject_type: "staff",
                subject_id: Some(leaver.id),
                detail: serde_json::json!({ "why": "not a current member of staff", "from": from.ip().to_string() }),
            },
        )
        .await?;
    }
    Ok(())
}

/// The page for people the directory does not know, or who have left: no
/// session is created.
pub(super) fn not_set_up(help: &str) -> Response {
    let help = help
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    (
        StatusCode::FORBIDDEN,
        Html(page(
            "Your account is not set up for this service",
            &format!("<p>You signed in successfully, but there is no current staff record for you in the supervision system.</p><p>{help}</p>"),
        )),
    )
        .into_response()
}
