//! Metrics for the trust's monitoring, in Prometheus's text format, served
//! on an address of their own (`SUPERVISION_METRICS_BIND`, off by default)
//! so they are never reachable where people's browsers are.
//!
//! Requests (by route, method and status) and their latencies are counted
//! in this process. What lives in the database (the outbox, reminders sent,
//! sign-in failures) is read from it at each scrape, so every instance
//! reports the deployment's figures and a restart loses none of them.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use crate::entity::{outbox_message, sign_in_failure};

/// Latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The requests this process has answered.
#[derive(Debug, Clone, Default)]
pub struct RequestMetrics(Arc<Mutex<Counts>>);

#[derive(Debug, Default)]
struct Counts {
    /// (route, method, status) → requests.
    answered: BTreeMap<(&'static str, String, u16), u64>,
    /// route → latency histogram.
    latency: BTreeMap<&'static str, Histogram>,
}

#[derive(Debug, Default)]
struct Histogram {
    /// Requests at or under each of `BUCKETS`.
    within: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The route a path belongs to: a fixed set, so a label never carries an id
/// (and the number of series stays small whatever is asked).
pub fn route_of(path: &str) -> &'static str {
    const PREFIXES: [(&str, &str); 10] = [
        ("/auth/", "/auth/*"),
        ("/attachments/", "/attachments/*"),
        ("/supervisions/", "/supervisions/*/attachments"),
        ("/reports/", "/reports/*"),
        ("/export/", "/export/*"),
        ("/import/", "/import/*"),
        ("/scim/v2/", "/scim/v2/*"),
        ("/bi/", "/bi/*"),
        ("/health/", "/health/*"),
        ("/dev/", "/dev/*"),
    ];
    match path {
        "/graphql" => "/graphql",
        "/" => "/",
        "/signin" => "/signin",
        _ => PREFIXES
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix))
            .map_or("the app's files", |(_, route)| route),
    }
}

impl RequestMetrics {
    /// Counts one answered request.
    pub fn observe(&self, route: &'static str, method: &str, status: u16, took: Duration) {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *counts
            .answered
            .entry((route, method.to_owned(), status))
            .or_default() += 1;
        let seconds = took.as_secs_f64();
        let histogram = counts.latency.entry(route).or_default();
        for (within, bucket) in histogram.within.iter_mut().zip(BUCKETS) {
            if seconds <= bucket {
                *within += 1;
            }
        }
        histogram.count += 1;
        histogram.sum += seconds;
    }

    fn write(&self, out: &mut String) {
        let counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let _ = writeln!(
            out,
            "# HELP supervision_http_requests_total Requests answered, by route, method and status.\n\
             # TYPE supervision_http_requests_total counter"
        );
        for ((route, method, status), n) in &counts.answered {
            let _ = writeln!(
                out,
                "supervision_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP supervision_http_request_duration_seconds Time to answer, by route.\n\
             # TYPE supervision_http_request_duration_seconds histogram"
        );
        for (route, h) in &counts.latency {
            for (within, bucket) in h.within.iter().zip(BUCKETS) {
                let _ = writeln!(
                    out,
                    "supervision_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bucket}\"}} {within}"
                );
            }
            let _ = writeln!(
                out,
                "supervision_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 supervision_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 supervision_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count, h.sum, h.count
            );
        }
    }
}

/// What the metrics address serves.
#[derive(Debug, Clone)]
pub struct Scrape {
    /// This process's requests.
    pub requests: RequestMetrics,
    /// The database, for the figures kept there.
    pub db: DatabaseConnection,
}

/// The router for the metrics address: `GET /metrics` only.
pub fn router(scrape: Scrape) -> axum::Router {
    axum::Router::new()
        .route("/metrics", axum::routing::get(metrics))
        .with_state(scrape)
}

fn gauge(out: &mut String, name: &str, kind: &str, help: &str, series: &[(&str, f64)]) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    for (labels, value) in series {
        let _ = writeln!(out, "{name}{labels} {value}");
    }
}

async fn metrics(State(scrape): State<Scrape>) -> axum::response::Response {
    let mut out = String::new();
    scrape.requests.write(&mut out);
    match database_figures(&scrape.db, &mut out).await {
        Ok(()) => {}
        Err(err) => {
            // The process's own figures still help while the database is away.
            tracing::warn!(error = %err, "metrics: the database's figures could not be read");
            gauge(
                &mut out,
                "supervision_database_up",
                "gauge",
                "Whether the database answered the scrape.",
                &[("", 0.0)],
            );
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^52
async fn database_figures(db: &DatabaseConnection, out: &mut String) -> Result<(), sea_orm::DbErr> {
    let waiting = outbox_message::Entity::find()
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::FailedAt.is_null())
        .count(db)
        .await?;
    let retrying = outbox_message::Entity::find()
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::FailedAt.is_null())
        .filter(outbox_message::Column::Attempts.gt(0))
        .count(db)
        .await?;
    let undeliverable = outbox_message::Entity::find()
        .filter(outbox_message::Column::FailedAt.is_not_null())
        .count(db)
        .await?;
    let reminders_sent = outbox_message::Entity::find()
        .filter(outbox_message::Column::SentAt.is_not_null())
        .filter(outbox_message::Column::DedupeKey.starts_with("reminder:"))
        .count(db)
        .await?;
    let sign_in_failures = sign_in_failure::Entity::find().count(db).await?;
    gauge(
        out,
        "supervision_database_up",
        "gauge",
        "Whether the database answered the scrape.",
        &[("", 1.0)],
    );
    gauge(
        out,
        "supervision_outbox_messages",
        "gauge",
        "Emails in the outbox by state: waiting to be sent (retrying: waiting after a failed attempt), or refused for good.",
        &[
            ("{state=\"waiting\"}", waiting as f64),
            ("{state=\"retrying\"}", retrying as f64),
            ("{state=\"undeliverable\"}", undeliverable as f64),
        ],
    );
    gauge(
        out,
        "supervision_reminders_sent_total",
        "counter",
        "Reminder and escalation emails delivered.",
        &[("", reminders_sent as f64)],
    );
    gauge(
        out,
        "supervision_sign_in_failures_total",
        "counter",
        "Single sign-on attempts refused (kept for review in sign_in_failure).",
        &[("", sign_in_failures as f64)],
    );
    let (size, idle) = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
    };
    let idle = u32::try_from(idle).unwrap_or(u32::MAX);
    gauge(
        out,
        "supervision_db_pool_connections",
        "gauge",
        "This process's database connections, in use or idle.",
        &[
            ("{state=\"in_use\"}", f64::from(size.saturating_sub(idle))),
            ("{state=\"idle\"}", f64::from(idle)),
        ],
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_label_never_carries_an_id() {
        assert_eq!(route_of("/graphql"), "/graphql");
        assert_eq!(
            route_of("/attachments/01a24bf1-00f8-721d-834c-52fe18994822"),
            "/attachments/*"
        );
        assert_eq!(
            route_of("/supervisions/01a2/attachments"),
            "/supervisions/*/attachments"
        );
        assert_eq!(route_of("/app-1234abcd.wasm"), "the app's files");
    }

    #[test]
    fn latencies_fall_in_every_bucket_at_or_above_them() {
        let metrics = RequestMetrics::default();
        metrics.observe("/graphql", "POST", 200, Duration::from_millis(30));
        metrics.observe("/graphql", "POST", 200, Duration::from_millis(3));
        let mut out = String::new();
        metrics.write(&mut out);
        assert!(out.contains("supervision_http_requests_total{route=\"/graphql\",method=\"POST\",status=\"200\"} 2"), "{out}");
        assert!(
            out.contains("_bucket{route=\"/graphql\",le=\"0.005\"} 1"),
            "{out}"
        );
        assert!(
            out.contains("_bucket{route=\"/graphql\",le=\"0.05\"} 2"),
            "{out}"
        );
        assert!(out.contains("_count{route=\"/graphql\"} 2"), "{out}");
    }
}
