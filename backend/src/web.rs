//! The HTTP surface: `/graphql`, sign-in routes, health checks and the built
//! front end (`static_files`: any other path gets `index.html`, so deep links
//! such as `/supervisions/{id}` load the app directly).

mod attachments;
mod audit_results;
pub mod bi;
mod compression;
mod csv;
mod dev_outbox;
mod export;
mod first_page;
mod html;
mod import;
pub mod limits;
pub mod metrics;
mod reports;
pub mod request_id;
mod scim;
mod security;
mod static_files;

use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Router, middleware};
use tower_http::limit::RequestBodyLimitLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use crate::AppState;
use crate::auth::{self, csrf};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};

/// Largest request body accepted; a group record of 100 with full notes fits.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// The session cookie's name over HTTPS (the `__Host-` prefix binds it to
/// this host and path) and over plain HTTP in development.
pub const SESSION_COOKIES: [&str; 2] = ["__Host-supervision", "supervision_session"];

/// Builds the application's router.
// Long by design: the whole route table, read in one place.
pub fn router(state: AppState) -> Router {
    let config = &state.config;
    let cookie_name = if config.secure_cookies {
        SESSION_COOKIES[0]
    } else {
        SESSION_COOKIES[1]
    };
    let idle = time::Duration::seconds(
        i64::try_from(config.session_idle_timeout.as_secs()).unwrap_or(30 * 60),
    );
    let sessions = SessionManagerLayer::new(state.sessions.clone())
        .with_name(cookie_name)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
        // Each request pushes the idle deadline back, so the idle time-out
        // measures inactivity rather than time since sign-in.
        .with_always_save(true);

    let sessions_for_uploads = sessions.clone();
    let mut api = Router::new()
        .route("/graphql", post(graphql))
        .route("/auth/signout", post(signout))
        .route("/auth/session", get(session_status))
        .route("/attachments/{id}", get(attachments::download))
        .route("/reports/compliance.csv", get(reports::compliance_csv))
        .route("/audits/{id}/results.csv", get(audit_results::results_csv))
        .route("/export/my-records.json", get(export::json))
        .route("/export/my-records.html", get(export::html))
        // The two pages people open first, drawn into index.html's shell.
        .route("/", get(first_page::home_page));
    if config.dev_signin {
        api = api.nest("/auth/dev", auth::dev_signin::routes());
        if state.oidc.is_none() {
            api = api.route("/signin", get(first_page::dev_sign_in));
        }
    }
    if state.oidc.is_some() {
        // With single sign-on, the app's sign-in page is the provider: a
        // full-page visit to /signin goes straight there.
        api = api
            .route("/signin", get(auth::oidc::login))
            .route("/auth/login", get(auth::oidc::login))
            .route("/auth/callback", get(auth::oidc::callback));
    }
    let limits = &config.limits;
    let rates = limits::Rates::new(limits);
    let per_session = middleware::from_fn_with_state(rates, limits::per_session);
    let (request_timeout, upload_timeout) = (limits.request_timeout, limits.upload_timeout);
    let api = api
        .layer(middleware::from_fn(csrf::require_client_header))
        // Enforced on the raw body, whichever extractor reads it.
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        // Only the API (and the first page, which may name the person's
        // records) has sessions: serving the app's files never touches the
        // session table.
        .layer(sessions)
        .layer(middleware::from_fn(move |request, next| {
            limits::time_limit(request_timeout, request, next)
        }))
        .layer(per_session.clone())
        .layer(compression::layer());

    // Uploads carry a file, not JSON, and are larger than any API call: their
    // own body limit (the attachment limit plus room for the request), and
    // the client header checked in the handler.
    let uploads = Router::new()
        .route("/supervisions/{id}/attachments", post(attachments::upload))
        .layer(RequestBodyLimitLayer::new(
            state.attachments.max_bytes + 64 * 1024,
        ))
        // axum's own 2 MB default for extractors sat under the limit above
        // and refused most phone photos; the layer above is the limit.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(sessions_for_uploads.clone())
        .layer(middleware::from_fn(move |request, next| {
            limits::time_limit(upload_timeout, request, next)
        }))
        .layer(per_session.clone());
    // A whole trust's staff export, in one request.
    let imports = Router::new()
        .route("/import/staff", post(import::staff))
        .layer(RequestBodyLimitLayer::new(import::MAX_BYTES))
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(sessions_for_uploads)
        .layer(middleware::from_fn(move |request, next| {
            limits::time_limit(upload_timeout, request, next)
        }))
        .layer(per_session);

    // The identity provider's endpoint: its own bearer-token check, no
    // session, no browser header.
    let provisioning = Router::new()
        .nest("/scim/v2", scim::routes(state.clone()))
        .layer(RequestBodyLimitLayer::new(scim::MAX_BYTES))
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(middleware::from_fn(move |request, next| {
            limits::time_limit(request_timeout, request, next)
        }));

    // The organisation's BI tools: their own token, rate and schema.
    let reporting = Router::new()
        .route("/bi/graphql", post(bi::graphql))
        .layer(RequestBodyLimitLayer::new(bi::MAX_BYTES))
        .layer(middleware::from_fn(move |request, next| {
            limits::time_limit(request_timeout, request, next)
        }))
        .layer(compression::layer());

    let mut router = Router::new()
        .merge(api)
        .merge(reporting)
        .merge(uploads)
        .merge(imports)
        .merge(provisioning);
    if state.oidc.is_some() {
        // Server to server, from the provider: no session, no CSRF header;
        // the signed logout token is the credential.
        router = router.route(
            "/auth/backchannel-logout",
            post(auth::oidc::backchannel_logout),
        );
    }
    if config.environment == crate::config::Environment::Development
        && config.mail.smtp_url.is_none()
    {
        router = router.route("/dev/outbox", get(dev_outbox::page));
    }
    let https = config.public_url.starts_with("https://");
    let request_metrics = state.request_metrics.clone();
    let router = router
        .route("/health/live", get(|| async { StatusCode::OK }))
        .route("/health/ready", get(ready))
        .fallback_service(static_files::service(&config.static_dir))
        .with_state(state)
        // Outermost, so every request has its id and its one log line.
        .layer(middleware::from_fn_with_state(
            request_metrics,
            request_id::tag,
        ));
    security::with_headers(router, https)
}

/// Ready when the database answers, the attachment store takes a write
/// and, with single sign-on, the provider has been discovered. (Liveness
/// asks none of them: an instance waiting for one is not broken.)
async fn ready(State(state): State<AppState>) -> StatusCode {
    let database = state.db.ping().await.is_ok();
    let provider = match &state.oidc {
        Some(oidc) => oidc.is_ready().await,
        None => true,
    };
    let attachments = state.attachments.is_ready().await;
    if database && provider && attachments {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

async fn graphql(
    State(state): State<AppState>,
    session: Session,
    request: GraphQLRequest,
) -> AppResult<GraphQLResponse> {
    let mut request = request.into_inner();
    if let Some(viewer) = auth::current_viewer(&state, &session).await? {
        request = crate::graphql::for_viewer(request, &state.db, viewer);
    }
    let response = state.schema.execute(request).await;
    Ok(with_codes(response).into())
}

/// Errors raised by async-graphql itself (a malformed query, a value that
/// does not parse) carry no code; gives them the stable BAD_REQUEST so that
/// every error a client meets has one.
fn with_codes(mut response: async_graphql::Response) -> async_graphql::Response {
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|ext| ext.get("code").is_some());
        if !has_code {
            error
                .extensions
                .get_or_insert_with(Default::default)
                .set("code", "BAD_REQUEST");
        }
    }
    response
}

/// Ends the session here; with single sign-on, answers where to send the
/// browser to end it at the provider too (RP-initiated logout).
async fn signout(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    if let Some(who) = auth::signed_in(&session).await? {
        audit::record_now(
            &state.db,
            AuditEntry {
                organisation_id: who.organisation_id,
                actor_id: Some(who.staff_id),
                action: "auth.sign_out",
                subject_type: "staff",
                subject_id: Some(who.staff_id),
                detail: serde_json::json!({}),
            },
        )
        .await?;
    }
    let id_token = auth::oidc::remembered_id_token(&session).await;
    auth::sign_out(&session).await?;
    let at_provider = match &state.oidc {
        Some(oidc) => oidc.logout_url(id_token.as_deref()).await,
        None => None,
    };
    Ok(match at_provider {
        Some(redirect) => axum::Json(serde_json::json!({ "redirect": redirect })).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// The session's time-outs, for the front end's idle warning (WCAG 2.2.1).
/// Asking counts as activity, so "stay signed in" is a call to this.
async fn session_status(State(state): State<AppState>, session: Session) -> AppResult<Response> {
    let viewer = auth::current_viewer(&state, &session).await?;
    // The shortest the session may last from now (its row is not written
    // on every request), so the browser's count never outlasts it.
    let idle_timeout = state.config.session_idle_timeout;
    let idle = idle_timeout
        .saturating_sub(crate::auth::session_store::unsaved_extension(idle_timeout))
        .as_secs();
    Ok(axum::Json(serde_json::json!({
        "signedIn": viewer.is_some(),
        "idleTimeoutSeconds": idle,
        // Warn two minutes before, or halfway for very short time-outs.
        "warningSeconds": (idle / 2).min(120),
    }))
    .into_response())
}
