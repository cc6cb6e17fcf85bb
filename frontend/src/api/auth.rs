//! Development sign-in, sign-out and the session's time-outs (plain REST,
//! not GraphQL).

use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ApiError, CSRF_HEADER, ErrorCode, activity, status_error};

/// A demo person offered on the development sign-in page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoPerson {
    /// Their staff id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// Their team.
    pub team_name: String,
    /// A grouping label such as "Supervisor"; the page groups people by it.
    pub role: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignIn {
    staff_id: Uuid,
}

fn network(err: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Network, err.to_string())
}

/// Lists the demo people; `NotFound` when development sign-in is disabled.
pub async fn dev_people() -> Result<Vec<DemoPerson>, ApiError> {
    let response = Request::get("/auth/dev/people")
        .header(CSRF_HEADER.0, CSRF_HEADER.1)
        .send()
        .await
        .map_err(network)?;
    if let Some(err) = status_error(&response) {
        return Err(err);
    }
    response.json().await.map_err(network)
}

/// Starts a session as the given demo person.
pub async fn dev_sign_in(staff_id: Uuid) -> Result<(), ApiError> {
    let response = Request::post("/auth/dev/signin")
        .header("Content-Type", "application/json")
        .header(CSRF_HEADER.0, CSRF_HEADER.1)
        .json(&SignIn { staff_id })
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    status_error(&response).map_or(Ok(()), Err)?;
    // Read to its end (empty as it is), so the browser never counts the
    // request as cut off when the page moves on.
    let _ = response.text().await;
    activity::record();
    Ok(())
}

/// The session's state and time-outs, as `GET /auth/session` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    /// Whether the session still belongs to someone.
    pub signed_in: bool,
    /// How long without a request before the server ends the session.
    pub idle_timeout_seconds: u64,
    /// How long before that the front end should warn.
    pub warning_seconds: u64,
}

/// Asks for the session's state. The server counts this as activity, so it
/// is also how "Stay signed in" keeps the session alive.
pub async fn session_status() -> Result<SessionStatus, ApiError> {
    let response = Request::get("/auth/session")
        .header(CSRF_HEADER.0, CSRF_HEADER.1)
        .send()
        .await
        .map_err(network)?;
    if let Some(err) = status_error(&response) {
        return Err(err);
    }
    let status: SessionStatus = response.json().await.map_err(network)?;
    if status.signed_in {
        activity::record();
    }
    Ok(status)
}

/// Ends the session. With single sign-on the server answers where to send
/// the browser so that the provider's session ends too.
pub async fn sign_out() -> Result<Option<String>, ApiError> {
    // The server's CSRF guard wants every POST to be JSON, even an empty one.
    let response = Request::post("/auth/signout")
        .header("Content-Type", "application/json")
        .header(CSRF_HEADER.0, CSRF_HEADER.1)
        .body("{}")
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    if let Some(error) = status_error(&response) {
        return Err(error);
    }
    if response.status() == 200 {
        #[derive(serde::Deserialize)]
        struct ProviderLogout {
            redirect: String,
        }
        return Ok(response
            .json::<ProviderLogout>()
            .await
            .ok()
            .map(|r| r.redirect));
    }
    // The answer read to its end before the page is left (see dev_sign_in).
    let _ = response.text().await;
    Ok(None)
}
