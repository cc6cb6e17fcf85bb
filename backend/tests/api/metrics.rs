//! Issue 19: Prometheus metrics on an address of their own: requests by
//! route and status with their latencies, the outbox, reminders, sign-in
//! failures and the database pool; never on the service's own address.

use serde_json::json;

use crate::helpers::*;

async fn scrape(app: &TestApp) -> String {
    let base = app.metrics_base.as_ref().expect("metrics are configured");
    let response = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    response.text().await.unwrap()
}

/// The value of the sample with exactly this name and labels.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.parse().ok())
}

#[tokio::test]
async fn metrics_are_scraped_from_their_own_address_and_count_what_happened() {
    let app = TestApp::spawn_with(&[("SUPERVISION_METRICS_BIND", "127.0.0.1:0")]).await;
    let priya = app.sign_in(PRIYA).await;
    let before = scrape(&app).await;
    assert_eq!(
        sample(&before, "supervision_outbox_messages{state=\"waiting\"}"),
        Some(0.0),
        "{before}"
    );

    for _ in 0..3 {
        priya.gql("{ me { name } }", json!({})).await;
    }
    let refused = priya
        .gql(
            "{ supervision(id: \"00000000-0000-0000-0000-000000000000\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&refused), Some("NOT_FOUND"));
    // A group record queues an email to each of its two supervisees (no
    // SMTP server here, so they wait).
    record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;

    let after = scrape(&app).await;
    let graphql_ok =
        "supervision_http_requests_total{route=\"/graphql\",method=\"POST\",status=\"200\"}";
    assert_eq!(sample(&after, graphql_ok), Some(5.0), "{after}");
    assert_eq!(
        sample(
            &after,
            "supervision_http_request_duration_seconds_count{route=\"/graphql\"}"
        ),
        Some(5.0)
    );
    assert_eq!(
        sample(
            &after,
            "supervision_http_requests_total{route=\"/auth/*\",method=\"POST\",status=\"204\"}"
        ),
        Some(1.0),
        "the sign-in"
    );
    assert_eq!(
        sample(&after, "supervision_outbox_messages{state=\"waiting\"}"),
        Some(2.0)
    );
    assert_eq!(
        sample(
            &after,
            "supervision_outbox_messages{state=\"undeliverable\"}"
        ),
        Some(0.0)
    );
    assert_eq!(
        sample(&after, "supervision_reminders_sent_total"),
        Some(0.0)
    );
    assert_eq!(
        sample(&after, "supervision_sign_in_failures_total"),
        Some(0.0)
    );
    assert_eq!(sample(&after, "supervision_database_up"), Some(1.0));
    assert!(sample(&after, "supervision_db_pool_connections{state=\"idle\"}").is_some());

    // Not on the service's own address.
    let public = app
        .anonymous()
        .http
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    let body = public.text().await.unwrap();
    assert!(!body.contains("supervision_http_requests_total"), "{body}");
    app.stop().await;
}
