//! The client side of the server contract: one typed async function per
//! GraphQL operation (in the submodules, by domain), and the error type every
//! one of them returns.
//!
//! Every request carries `X-Requested-With: supervision`; the server refuses
//! requests without it (403), which keeps other sites from posting to it
//! with the user's cookie.

pub mod absence;
pub mod access;
pub mod action;
pub mod activity;
pub mod agreement;
pub mod allocation;
pub mod amendment;
pub mod attachment;
pub mod auth;
pub mod bi_access;
pub mod booking;
pub mod case;
pub mod comment;
pub mod compliance;
pub mod draft;
pub mod history;
pub mod http;
pub mod import;
pub mod legal_hold;
pub mod me;
pub mod objective;
pub mod observation;
pub mod org_unit;
pub mod organisation;
pub mod policy;
pub mod provisioning;
pub mod quality;
pub mod questionnaire;
pub mod redaction;
pub mod removal;
pub mod report;
pub mod role;
pub mod schedule;
pub mod staff;
pub mod supervision;
pub mod wellbeing;

use gloo_timers::future::TimeoutFuture;
use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;
use supervision_shared::FieldError;

/// The header the server's CSRF guard requires on every call.
pub const CSRF_HEADER: (&str, &str) = ("X-Requested-With", "supervision");

/// Why an API call failed, by the stable `extensions.code` the server sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// No session, or it has expired: the user must sign in again.
    Unauthenticated,
    /// Signed in, but not allowed to do or see this.
    Forbidden,
    /// Missing, or not the caller's to see (the server does not say which).
    NotFound,
    /// The submission broke a rule; see [`ApiError::fields`].
    ValidationFailed,
    /// The request itself was malformed.
    BadRequest,
    /// It clashes with what is already there (already answered, already
    /// signed, one open at a time): the server's message says what.
    Conflict,
    /// The server is busy, the request took too long or something it relies
    /// on is out of reach (`TIMEOUT`, `RATE_LIMITED`, `BUSY`, `UNAVAILABLE`):
    /// nothing was done, and trying again later is the answer. The server's message says so in words.
    TryAgain,
    /// The server failed.
    Internal,
    /// The server could not be reached, or answered something unreadable.
    Network,
}

impl ErrorCode {
    /// Reads the server's `extensions.code`; unknown codes are treated as
    /// server failures rather than ignored.
    fn from_extension(code: Option<&str>) -> Self {
        match code {
            Some("UNAUTHENTICATED") => Self::Unauthenticated,
            Some("FORBIDDEN") => Self::Forbidden,
            Some("NOT_FOUND") => Self::NotFound,
            Some("VALIDATION_FAILED") => Self::ValidationFailed,
            Some("BAD_REQUEST") => Self::BadRequest,
            Some("CONFLICT") => Self::Conflict,
            Some("TIMEOUT" | "RATE_LIMITED" | "BUSY" | "UNAVAILABLE") => Self::TryAgain,
            _ => Self::Internal,
        }
    }
}

/// A failed API call, with any per-field problems for forms to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// What kind of failure it was.
    pub code: ErrorCode,
    /// The server's message (shown only for codes that are meant for people).
    pub message: String,
    /// For [`ErrorCode::ValidationFailed`]: which fields, and why.
    pub fields: Vec<FieldError>,
}

impl ApiError {
    /// An error with no field details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    fn network(err: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::Network, err.to_string())
    }

    /// A sentence to show a person. Internal details are never shown: the
    /// server logs them.
    pub fn user_message(&self) -> String {
        match self.code {
            ErrorCode::Unauthenticated => "Your session has ended. Please sign in again.".into(),
            ErrorCode::Forbidden => "You do not have permission to do that.".into(),
            ErrorCode::NotFound => "That could not be found.".into(),
            ErrorCode::ValidationFailed => "Some answers need correcting.".into(),
            ErrorCode::BadRequest => {
                "The request was not understood. Please reload the page and try again.".into()
            }
            ErrorCode::TryAgain | ErrorCode::Conflict if !self.message.is_empty() => {
                self.message.clone()
            }
            ErrorCode::Conflict => {
                "That clashes with a change already made. Please reload the page.".into()
            }
            ErrorCode::TryAgain => "The service is busy. Please try again in a moment.".into(),
            ErrorCode::Internal => "Something went wrong on the server. Please try again.".into(),
            ErrorCode::Network => {
                "The server could not be reached. Check your connection and try again.".into()
            }
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

#[derive(Serialize)]
struct GraphqlRequest<'a, V: Serialize> {
    query: &'a str,
    variables: V,
}

#[derive(Deserialize)]
struct GraphqlResponse<T> {
    data: Option<T>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

#[derive(Deserialize)]
struct GraphqlError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    extensions: Option<GraphqlExtensions>,
}

#[derive(Deserialize)]
struct GraphqlExtensions {
    code: Option<String>,
    #[serde(default)]
    fields: Vec<FieldError>,
}

/// Sends one GraphQL operation and decodes its `data`. On `UNAUTHENTICATED`
/// the browser is sent to the sign-in page, so no caller needs to. Any other
/// answer from the server kept the session alive, so it is noted for the
/// session timer.
pub async fn graphql<V, T>(query: &str, variables: V) -> Result<T, ApiError>
where
    V: Serialize,
    T: DeserializeOwned,
{
    let result = send_graphql(query, variables).await;
    match &result {
        Err(err) if err.code == ErrorCode::Unauthenticated => {
            crate::navigation::go_to_sign_in();
        }
        Err(err) if err.code == ErrorCode::Network => {}
        _ => activity::record(),
    }
    result
}

async fn send_graphql<V, T>(query: &str, variables: V) -> Result<T, ApiError>
where
    V: Serialize,
    T: DeserializeOwned,
{
    // Each request is built and sent in a task of its own. A page asks for
    // its parts together (the home page for eleven), and building and
    // sending them all in the task that draws the page made one long task
    // that kept a slow phone from answering a tap for a quarter of a second.
    TimeoutFuture::new(0).await;
    let response = http::post_json("/graphql", &GraphqlRequest { query, variables })
        .await
        .map_err(ApiError::network)?;
    if let Some(err) = status_error(response.status()) {
        // A GraphQL server may still explain itself in the body; prefer that.
        if let Ok(body) = response.json::<GraphqlResponse<serde_json::Value>>()
            && let Some(first) = body.errors.into_iter().next()
        {
            return Err(from_graphql_errors(vec![first]));
        }
        return Err(err);
    }
    let body: GraphqlResponse<T> = response.json().map_err(ApiError::network)?;
    if !body.errors.is_empty() {
        return Err(from_graphql_errors(body.errors));
    }
    body.data
        .ok_or_else(|| ApiError::new(ErrorCode::Internal, "response had no data"))
}

/// Folds a response's errors into one: the first error's code, and the field
/// errors of every validation error so a form can show them all at once.
fn from_graphql_errors(errors: Vec<GraphqlError>) -> ApiError {
    let mut result: Option<ApiError> = None;
    for error in errors {
        let (code, fields) = match error.extensions {
            Some(ext) => (ErrorCode::from_extension(ext.code.as_deref()), ext.fields),
            None => (ErrorCode::Internal, Vec::new()),
        };
        match &mut result {
            None => {
                result = Some(ApiError {
                    code,
                    message: error.message,
                    fields,
                })
            }
            Some(first) => first.fields.extend(fields),
        }
    }
    result.unwrap_or_else(|| ApiError::new(ErrorCode::Internal, "unknown error"))
}

/// Maps an HTTP failure status to an error, or `None` for success.
pub(crate) fn status_error(status: u16) -> Option<ApiError> {
    let code = match status {
        200..=299 => return None,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        400 | 422 => ErrorCode::BadRequest,
        429 | 503 => ErrorCode::TryAgain,
        _ => ErrorCode::Internal,
    };
    // A busy server's refusal says nothing useful as "HTTP 503": the
    // person is told to try again in words (see `user_message`).
    let message = if code == ErrorCode::TryAgain {
        String::new()
    } else {
        format!("HTTP {status}")
    };
    Some(ApiError::new(code, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_or_slow_server_asks_to_try_again_in_its_own_words() {
        for code in ["TIMEOUT", "RATE_LIMITED", "BUSY", "UNAVAILABLE"] {
            assert_eq!(ErrorCode::from_extension(Some(code)), ErrorCode::TryAgain);
        }
        let told = ApiError::new(ErrorCode::TryAgain, "Please wait a moment and try again.");
        assert_eq!(told.user_message(), "Please wait a moment and try again.");
        let untold = ApiError::new(ErrorCode::TryAgain, "");
        assert!(untold.user_message().contains("try again"));
    }

    #[test]
    fn a_conflict_says_what_it_clashes_with() {
        assert_eq!(
            ErrorCode::from_extension(Some("CONFLICT")),
            ErrorCode::Conflict
        );
        let told = ApiError::new(
            ErrorCode::Conflict,
            "You have already signed this observation.",
        );
        assert_eq!(
            told.user_message(),
            "You have already signed this observation."
        );
        assert!(
            ApiError::new(ErrorCode::Conflict, "")
                .user_message()
                .contains("reload")
        );
    }

    #[test]
    fn validation_errors_from_every_graphql_error_are_kept_together() {
        let Ok(body) = serde_json::from_str::<GraphqlResponse<serde_json::Value>>(
            r#"{"data":null,"errors":[
              {"message":"invalid","extensions":{"code":"VALIDATION_FAILED","fields":[{"field":"heldOn","message":"future"}]}},
              {"message":"invalid","extensions":{"code":"VALIDATION_FAILED","fields":[{"field":"comment","message":"empty"}]}}
            ]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let err = from_graphql_errors(body.errors);
        assert_eq!(err.code, ErrorCode::ValidationFailed);
        let fields: Vec<_> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["heldOn", "comment"]);
    }

    #[test]
    fn an_http_status_is_an_error_only_outside_the_200s() {
        assert!(status_error(200).is_none());
        assert!(status_error(204).is_none());
        let code = |status| status_error(status).map(|e| e.code);
        assert_eq!(code(401), Some(ErrorCode::Unauthenticated));
        assert_eq!(code(403), Some(ErrorCode::Forbidden));
        assert_eq!(code(404), Some(ErrorCode::NotFound));
        assert_eq!(code(422), Some(ErrorCode::BadRequest));
        assert_eq!(code(503), Some(ErrorCode::TryAgain));
        assert_eq!(code(500), Some(ErrorCode::Internal));
        assert_eq!(
            status_error(500).map(|e| e.message),
            Some("HTTP 500".to_owned())
        );
    }

    #[test]
    fn an_unknown_error_code_is_treated_as_a_server_failure() {
        assert_eq!(
            ErrorCode::from_extension(Some("TEAPOT")),
            ErrorCode::Internal
        );
        assert_eq!(ErrorCode::from_extension(None), ErrorCode::Internal);
    }
}
