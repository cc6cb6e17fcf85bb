//! Development sign-in, sign-out and the session's time-outs (plain REST,
//! not GraphQL).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::http::{self, Body};
use super::{ApiError, activity, status_error};

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

/// Lists the demo people; `NotFound` when development sign-in is disabled.
pub async fn dev_people() -> Result<Vec<DemoPerson>, ApiError> {
    let response = http::send("GET", "/auth/dev/people", Body::Empty)
        .await
        .map_err(ApiError::network)?;
    if let Some(err) = status_error(response.status()) {
        return Err(err);
    }
    response.json().map_err(ApiError::network)
}

/// Starts a session as the given demo person.
pub async fn dev_sign_in(staff_id: Uuid) -> Result<(), ApiError> {
    let response = http::post_json("/auth/dev/signin", &SignIn { staff_id })
        .await
        .map_err(ApiError::network)?;
    status_error(response.status()).map_or(Ok(()), Err)?;
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
    let response = http::send("GET", "/auth/session", Body::Empty)
        .await
        .map_err(ApiError::network)?;
    if let Some(err) = status_error(response.status()) {
        return Err(err);
    }
    let status: SessionStatus = response.json().map_err(ApiError::network)?;
    if status.signed_in {
        activity::record();
    }
    Ok(status)
}

/// Ends the session. With single sign-on the server answers where to send
/// the browser so that the provider's session ends too.
pub async fn sign_out() -> Result<Option<String>, ApiError> {
    // The server's CSRF guard wants every POST to be JSON, even an empty one.
    let response = http::send("POST", "/auth/signout", Body::Json("{}".to_owned()))
        .await
        .map_err(ApiError::network)?;
    if let Some(error) = status_error(response.status()) {
        return Err(error);
    }
    #[derive(serde::Deserialize)]
    struct ProviderLogout {
        redirect: String,
    }
    Ok((response.status() == 200)
        .then(|| response.json::<ProviderLogout>().ok())
        .flatten()
        .map(|r| r.redirect))
}
