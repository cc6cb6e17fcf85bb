//! Cross-site request forgery defence for state-changing endpoints.
//!
//! A browser will not send a custom header on a cross-site request without a
//! CORS preflight, which this server never approves; nor will a plain HTML form
//! send `application/json`. Requiring both on every POST keeps another site
//! from acting with a signed-in person's cookie.

use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::AppError;

/// The header the front end sends with every API call.
pub const CLIENT_HEADER: &str = "x-requested-with";
/// Its expected value.
pub const CLIENT_HEADER_VALUE: &str = "supervision";

/// Whether the request carries the front end's header.
pub fn from_our_client(headers: &axum::http::HeaderMap) -> bool {
    headers.get(CLIENT_HEADER).is_some_and(|v| {
        v.as_bytes()
            .eq_ignore_ascii_case(CLIENT_HEADER_VALUE.as_bytes())
    })
}

/// Refuses POSTs without the client header and a JSON body.
pub async fn require_client_header(request: Request, next: Next) -> Result<Response, AppError> {
    if request.method() == Method::POST {
        let headers = request.headers();
        let has_client_header = from_our_client(headers);
        let is_json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("application/json")
            });
        if !has_client_header || !is_json {
            return Err(AppError::Forbidden);
        }
    }
    Ok(next.run(request).await)
}
