//! Single sign-on with OpenID Connect (F1.1, F1.2): authorization code flow
//! with PKCE (S256), `state` and `nonce` kept in a pending-login record in the
//! session and checked at the callback, full ID-token validation, and matching
//! to the staff directory. Discovery happens in the background with back-off,
//! so an unreachable provider never stops the server from starting; until it
//! succeeds the readiness endpoint says not ready and sign-in answers 503.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::core::{CoreIdToken, CoreIdTokenClaims};
use openidconnect::{
    AdditionalProviderMetadata, AuthenticationFlow, AuthorizationCode, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, Nonce, PkceCodeChallenge, PkceCodeVerifier, ProviderMetadata,
    RedirectUrl, Scope, TokenResponse,
};
use openidconnect::{ClaimsVerificationError, SignatureVerificationError};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::return_to::safe_return;
use crate::auth::{SignedIn, sign_in};
use crate::config::{FirstMatch, OidcConfig};
use crate::entity::staff;
use crate::error::AppError;
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::ACTIVE;

/// The provider's logout endpoint, which the core metadata type leaves out.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LogoutMetadata {
    /// RP-initiated logout endpoint.
    pub end_session_endpoint: Option<String>,
}
impl AdditionalProviderMetadata for LogoutMetadata {}

type Metadata = ProviderMetadata<
    LogoutMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

type DiscoveredClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A discovered provider.
struct Provider {
    client: DiscoveredClient,
    end_session: Option<String>,
    /// The provider's published keys, for logout tokens.
    jwks: openidconnect::core::CoreJsonWebKeySet,
}

/// The relying party: configuration, an HTTP client that follows no
/// redirects, and the provider once discovered.
#[derive(Clone)]
pub struct Oidc {
    config: OidcConfig,
    redirect: RedirectUrl,
    post_logout: String,
    http: openidconnect::reqwest::Client,
    provider: Arc<RwLock<Option<Arc<Provider>>>>,
    last_refresh: Arc<tokio::sync::Mutex<Option<std::time::Instant>>>,
}

/// Session key of the pending login.
const PENDING_KEY: &str = "oidc_pending";
/// Session key of the ID token, kept as the hint for RP-initiated logout.
const ID_TOKEN_KEY: &str = "oidc_id_token";

/// What the session remembers between the redirect and the callback.
#[derive(Debug, Serialize, Deserialize)]
struct PendingLogin {
    state: String,
    nonce: String,
    pkce_verifier: String,
    return_to: String,
}

impl Oidc {
    /// A relying party for this configuration and public URL.
    pub fn new(config: OidcConfig, public_url: &str) -> anyhow::Result<Self> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following a redirect from the provider's endpoints would let a
            // compromised endpoint send us anywhere (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self {
            redirect: RedirectUrl::new(format!("{public_url}/auth/callback"))?,
            post_logout: format!("{public_url}/"),
            config,
            http,
            provider: Arc::new(RwLock::new(None)),
            last_refresh: Arc::new(tokio::sync::Mutex::new(None)),
        })
    }

    /// Whether discovery has succeeded.
    pub async fn is_ready(&self) -> bool {
        self.provider.read().await.is_some()
    }

    /// Discovers the provider, retrying with back-off until it answers.
    pub fn spawn_discovery(&self) -> tokio::task::JoinHandle<()> {
        let this = self.clone();
        tokio::spawn(async move {
            let mut wait = Duration::from_secs(1);
            loop {
                match this.discover().await {
                    Ok(provider) => {
                        *this.provider.write().await = Some(Arc::new(provider));
                        tracing::info!(issuer = %this.config.issuer.as_str(), "OpenID Connect provider discovered");
                        return;
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, retry_in = ?wait, "OpenID Connect discovery failed");
                        tokio::time::sleep(wait).await;
                        wait = (wait * 2).min(Duration::from_secs(60));
                    }
                }
            }
        })
    }

    async fn discover(&self) -> anyhow::Result<Provider> {
        let metadata = Metadata::discover_async(self.config.issuer.clone(), &self.http).await?;
        let end_session = metadata.additional_metadata().end_session_endpoint.clone();
        let jwks = metadata.jwks().clone();
        let client = CoreClient::from_provider_metadata(
            metadata,
            self.config.client_id.clone(),
            self.config.client_secret.clone(),
        )
        .set_redirect_uri(self.redirect.clone());
        Ok(Provider {
            client,
            end_session,
            jwks,
        })
    }

    async fn provider(&self) -> Result<Arc<Provider>, Response> {
        self.provider.read().await.clone().ok_or_else(|| {
            (StatusCode::SERVICE_UNAVAILABLE, "Sign-in is not available yet: the identity provider cannot be reached. Try again in a minute.")
                .into_response()
        })
    }

    /// Discovers the provider again to pick up rotated keys, unless that was
    /// done in the last minute (so bad tokens cannot hammer the provider).
    async fn refresh_keys(&self) -> Option<Arc<Provider>> {
        {
            let mut last = self.last_refresh.lock().await;
            if last.is_some_and(|at| at.elapsed() < Duration::from_secs(60)) {
                return None;
            }
            *last = Some(std::time::Instant::now());
        }
        match self.discover().await {
            Ok(provider) => {
                let provider = Arc::new(provider);
                *self.provider.write().await = Some(provider.clone());
                tracing::info!("OpenID Connect provider keys refreshed");
                Some(provider)
            }
            Err(err) => {
                tracing::warn!(error = %err, "could not refresh the provider's keys");
                None
            }
        }
    }

    /// Where to send the browser to end the session at the provider too.
    pub async fn logout_url(&self, id_token: Option<&str>) -> Option<String> {
        let provider = self.provider.read().await.clone()?;
        let endpoint = provider.end_session.as_ref()?;
        let mut url = url::Url::parse(endpoint).ok()?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("post_logout_redirect_uri", &self.post_logout);
            query.append_pair("client_id", self.config.client_id.as_str());
            if let Some(token) = id_token {
                query.append_pair("id_token_hint", token);
            }
        }
        Some(url.to_string())
    }
}

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
fn refused(why: &str) -> Response {
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
async fn refused_at(db: &DatabaseConnection, from: std::net::SocketAddr, why: &str) -> Response {
    if let Err(err) = record_failure(db, from, why, None, None, None).await {
        return err.into_response();
    }
    refused(why)
}

/// Writes a failed sign-in to `sign_in_failure`.
async fn record_failure(
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
fn page(title: &str, body: &str) -> String {
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
    if let Some(error) = query.error {
        return refused_at(&state.db, from, &format!("provider error: {error}")).await;
    }
    let (Some(code), Some(returned_state)) = (query.code, query.state) else {
        return refused_at(&state.db, from, "missing code or state").await;
    };
    if !constant_time_eq(returned_state.as_bytes(), pending.state.as_bytes()) {
        return refused_at(&state.db, from, "state mismatch").await;
    }
    let request = match provider.client.exchange_code(AuthorizationCode::new(code)) {
        Ok(r) => r,
        Err(err) => return refused_at(&state.db, from, &format!("token endpoint: {err}")).await,
    };
    let tokens = match request
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
        .request_async(&oidc.http)
        .await
    {
        Ok(t) => t,
        Err(err) => {
            return refused_at(&state.db, from, &format!("code exchange failed: {err}")).await;
        }
    };
    let Some(id_token) = tokens.id_token() else {
        return refused_at(&state.db, from, "no ID token").await;
    };
    let nonce = Nonce::new(pending.nonce);
    let claims = match verify_id_token(&provider, id_token, &nonce) {
        Ok(claims) => claims,
        // A key we have not seen: the provider may have rotated its keys.
        // Fetch them again (at most once a minute) and try once more.
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => match oidc.refresh_keys().await {
            Some(fresh) => match verify_id_token(&fresh, id_token, &nonce) {
                Ok(claims) => claims,
                Err(err) => {
                    return refused_at(
                        &state.db,
                        from,
                        &format!("ID token rejected after refreshing keys: {err}"),
                    )
                    .await;
                }
            },
            None => {
                return refused_at(&state.db, from, "ID token signed with an unknown key").await;
            }
        },
        Err(err) => return refused_at(&state.db, from, &format!("ID token rejected: {err}")).await,
    };
    let subject = claims.subject().as_str().to_owned();
    let email = claims
        .email()
        .filter(|_| claims.email_verified() != Some(false))
        .map(|e| e.as_str().to_lowercase());
    let first = match &oidc.config.first_match {
        FirstMatch::Email => email.clone().map(|e| (staff::Column::Email, e)),
        FirstMatch::EmployeeNumber(claim) => claim_of_verified(&id_token.to_string(), claim)
            .map(|n| (staff::Column::EmployeeNumber, n)),
        FirstMatch::SubjectOnly => None,
    };
    let person = match match_staff(&state.db, &subject, first).await {
        Ok(p) => p,
        Err(err) => return err.into_response(),
    };
    let Some(person) = person else {
        tracing::info!(subject, "sign-in by someone with no current staff record");
        if let Err(err) = audit_leaver_refusal(&state.db, &subject, email.as_deref(), from).await {
            return err.into_response();
        }
        if let Err(err) = record_failure(
            &state.db,
            from,
            "no current staff record",
            None,
            Some(&subject),
            email.as_deref(),
        )
        .await
        {
            return err.into_response();
        }
        return not_set_up(&oidc.config.not_set_up_help);
    };
    if let Err(err) = sign_in(
        &session,
        SignedIn {
            staff_id: person.id,
            organisation_id: person.organisation_id,
            signed_in_at: 0,
            oidc_sub: Some(subject.clone()),
            oidc_sid: claim_of_verified(&id_token.to_string(), "sid"),
            claimed_roles: claimed_roles(&id_token.to_string(), &oidc.config),
        },
    )
    .await
    {
        return err.into_response();
    }
    let _ = session.insert(ID_TOKEN_KEY, id_token.to_string()).await;
    let audited = audit::record_now(
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
    .await;
    if let Err(err) = audited {
        return err.into_response();
    }
    Redirect::to(&pending.return_to).into_response()
}

/// Full ID-token validation: signature against the provider's keys with an
/// allow-list of asymmetric algorithms (never `none`, never an HMAC keyed with
/// a public key), issuer, audience (and `azp` with several audiences), expiry,
/// issue time within a small skew, and nonce.
fn verify_id_token<'t>(
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

/// A leaver who tries to sign in is refused; that refusal is audited in
/// their organisation. (Someone entirely unknown has no organisation: their
/// attempt is in the server log.)
async fn audit_leaver_refusal(
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
fn not_set_up(help: &str) -> Response {
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

/// The staff record for a subject: by the remembered `sub`; on first sign-in
/// by the configured claim (verified email, or an employee number), then the
/// `sub` is remembered. Leavers never match.
async fn match_staff(
    db: &DatabaseConnection,
    subject: &str,
    first: Option<(staff::Column, String)>,
) -> Result<Option<staff::Model>, AppError> {
    if let Some(person) = staff::Entity::find()
        .filter(staff::Column::OidcSubject.eq(subject))
        .filter(staff::Column::Status.eq(ACTIVE))
        .one(db)
        .await?
    {
        return Ok(Some(person));
    }
    let Some((column, value)) = first else {
        return Ok(None);
    };
    let Some(person) = staff::Entity::find()
        .filter(column.eq(value))
        .filter(staff::Column::Status.eq(ACTIVE))
        .filter(staff::Column::OidcSubject.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut row: staff::ActiveModel = person.clone().into();
    row.oidc_subject = Set(Some(subject.to_owned()));
    use sea_orm::ActiveModelTrait;
    row.update(db).await?;
    Ok(Some(person))
}

/// A string claim of a token whose signature and claims were verified
/// already (the core claims type has no `sid`).
fn claim_of_verified(token: &str, name: &str) -> Option<String> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get(name)?.as_str().map(str::to_owned)
}

/// Roles granted through the configured group claim of a verified token.
fn claimed_roles(token: &str, config: &OidcConfig) -> Vec<supervision_shared::Role> {
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The ID token remembered for logout, if any.
pub async fn remembered_id_token(session: &Session) -> Option<String> {
    session.get(ID_TOKEN_KEY).await.ok().flatten()
}

/// The form a provider posts to the back-channel logout endpoint.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    logout_token: String,
}

/// The event a logout token must carry.
const BACKCHANNEL_LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

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
enum LogoutTokenError {
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
fn check_logout_token(
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
async fn end_sessions(
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
