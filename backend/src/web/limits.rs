//! Keeping one request or one person from taking the service from everyone
//! else: a time limit on every request, a request rate per signed-in
//! session, and a cap on organisation-wide reports computed at once. Each
//! refusal has its own stable code and a message a person can act on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::Limits;
use crate::error::{AppError, AppResult};

/// A request refused by a limit, answered in the shape its caller reads:
/// GraphQL's `errors` for `/graphql`, the API's error body elsewhere.
fn refusal(path: &str, status: StatusCode, code: &str, message: &str) -> Response {
    let body = if path == "/graphql" {
        serde_json::json!({
            "data": null,
            "errors": [{ "message": message, "extensions": { "code": code } }],
        })
    } else {
        serde_json::json!({ "code": code, "message": message, "fields": [] })
    };
    (status, axum::Json(body)).into_response()
}

/// Stops a request still running after `limit`. Its future is dropped, so a
/// transaction it had open is rolled back: nothing half-written stays.
pub async fn time_limit(limit: Duration, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%path, seconds = limit.as_secs(), "request stopped: it took too long");
            refusal(
                &path,
                StatusCode::SERVICE_UNAVAILABLE,
                "TIMEOUT",
                "This took too long, so it was stopped and nothing was changed. Please try again; \
                 if it happens again, ask for less at once (a shorter period or one team).",
            )
        }
    }
}

/// Requests each caller (a signed-in session, a BI token) may still make:
/// a bucket of `burst` that refills at `per_second`.
#[derive(Debug, Clone)]
pub struct Rates {
    buckets: Arc<Mutex<HashMap<String, Bucket>>>,
    burst: f64,
    per_second: f64,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    left: f64,
    at: Instant,
}

/// Buckets kept before the full ones (sessions idle long enough to have
/// refilled) are dropped.
const MOST_BUCKETS: usize = 100_000;

impl Rates {
    /// The limits from the configuration.
    pub fn new(limits: &Limits) -> Self {
        Self {
            buckets: Arc::default(),
            burst: f64::from(limits.session_burst),
            per_second: f64::from(limits.session_per_second),
        }
    }

    /// A minute's worth at once, then that many a minute: a BI tool reads
    /// its pages in a burst once a day.
    pub fn per_minute(per_minute: u32) -> Self {
        Self {
            buckets: Arc::default(),
            burst: f64::from(per_minute),
            per_second: f64::from(per_minute) / 60.0,
        }
    }

    /// Takes one request from the caller's bucket; how long to wait when
    /// it is empty.
    pub fn take(&self, session: &str, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MOST_BUCKETS {
            let (burst, rate) = (self.burst, self.per_second);
            buckets.retain(|_, b| b.left + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(session.to_owned()).or_insert(Bucket {
            left: self.burst,
            at: now,
        });
        let refilled = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.left = (bucket.left + refilled).min(self.burst);
        bucket.at = now;
        if bucket.left >= 1.0 {
            bucket.left -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - bucket.left) / self.per_second,
            ))
        }
    }
}

/// Refuses a session's request beyond its rate with `RATE_LIMITED` and a
/// `Retry-After`. Keyed by the session cookie, not the address: a trust's
/// staff reach the service from a few addresses. (A request with no
/// session can only sign in, which has its own failure counting.)
pub async fn per_session(State(rates): State<Rates>, request: Request, next: Next) -> Response {
    let session = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .map(str::trim)
        .find(|cookie| {
            super::SESSION_COOKIES.iter().any(|name| {
                cookie
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('='))
            })
        })
        .map(str::to_owned);
    if let Some(session) = session
        && let Err(wait) = rates.take(&session, Instant::now())
    {
        let path = request.uri().path();
        let mut response = refusal(
            path,
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            "Too many requests from your session in a short time. Please wait a moment and try again.",
        );
        let seconds = wait.as_secs().max(1).to_string();
        if let Ok(value) = HeaderValue::from_str(&seconds) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    next.run(request).await
}

/// The organisation-wide reports computed at once; one more waits briefly
/// for a turn, then is refused with `BUSY`.
#[derive(Debug, Clone)]
pub struct HeavyReports(Arc<tokio::sync::Semaphore>);

/// How long a report waits for a turn before it is refused.
const WAIT_FOR_A_TURN: Duration = Duration::from_secs(2);

impl HeavyReports {
    /// Room for `at_once` reports.
    pub fn new(at_once: usize) -> Self {
        Self(Arc::new(tokio::sync::Semaphore::new(at_once)))
    }

    /// A turn to compute a report, held until dropped.
    pub async fn turn(&self) -> AppResult<tokio::sync::OwnedSemaphorePermit> {
        match tokio::time::timeout(WAIT_FOR_A_TURN, self.0.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(AppError::Busy),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(burst: u32, per_second: u32) -> Rates {
        Rates {
            buckets: Arc::default(),
            burst: f64::from(burst),
            per_second: f64::from(per_second),
        }
    }

    #[test]
    fn a_session_has_its_burst_then_its_rate_and_others_are_not_affected() {
        let limits = rates(3, 2);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limits.take("a", start).is_ok());
        }
        let Err(wait) = limits.take("a", start) else {
            panic!("the burst is spent");
        };
        assert!(wait <= Duration::from_millis(500), "{wait:?}");
        assert!(
            limits.take("b", start).is_ok(),
            "another session has its own"
        );
        // Half a second later, at two a second, one more.
        let later = start + Duration::from_millis(500);
        assert!(limits.take("a", later).is_ok());
        assert!(limits.take("a", later).is_err());
    }
}
