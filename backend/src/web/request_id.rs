//! One id per request, so an operator can find what happened to someone's
//! request: it is in the request's one log line, in the `x-request-id`
//! response header, and in the reference an internal error shows the person
//! ("Something went wrong on our side (reference 3692ab5571b0)"), so the
//! reference they quote finds the log line.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

/// The response header that carries the id.
pub const HEADER: &str = "x-request-id";

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being answered, if any (none in a background job).
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// A new id: twelve hex digits, as short as a person can read out and
/// still unique enough among a day's requests.
pub fn new_id() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    id[..12].to_owned()
}

/// Gives the request its id, answers it with the id in scope (and in every
/// log line made meanwhile), then logs one line for it, counts it for the
/// metrics and puts the id in the response's header.
pub async fn tag(
    State(metrics): State<super::metrics::RequestMetrics>,
    request: Request,
    next: Next,
) -> Response {
    let id = new_id();
    let method = request.method().clone();
    // The path only: a query string may hold what should not be logged.
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let span = tracing::info_span!("request", request_id = %id);
    let mut response = REQUEST_ID
        .scope(id.clone(), next.run(request))
        .instrument(span.clone())
        .await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    tracing::info!(
        parent: &span,
        %method,
        %path,
        status,
        millis = took.as_millis() as u64,
        "request"
    );
    metrics.observe(
        super::metrics::route_of(&path),
        method.as_str(),
        status,
        took,
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;

    #[test]
    fn an_internal_error_while_answering_a_request_quotes_the_requests_id() {
        let message = REQUEST_ID.sync_scope("3692ab5571b0".to_owned(), || {
            async_graphql::Error::from(AppError::Internal(anyhow::anyhow!("boom"))).message
        });
        assert!(message.contains("(reference 3692ab5571b0)"), "{message}");
    }

    #[test]
    fn ids_are_twelve_hex_digits_and_differ() {
        let (a, b) = (new_id(), new_id());
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
