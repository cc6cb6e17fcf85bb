//! `/dev/outbox`: in development with no SMTP server configured, the emails
//! the service would have sent, newest first, so a demo can follow a
//! notification's link. Never routed in production or once SMTP is set up.

use std::fmt::Write;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::html::escape;
use crate::AppState;
use crate::error::AppResult;
use crate::service::outbox;

/// The outbox page.
pub async fn page(State(state): State<AppState>) -> AppResult<Response> {
    let messages = outbox::newest(&state.db, 100).await?;
    let mut html = String::from(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Outbox (development) – Supervision records</title>\
         <style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#0b0c0c}\
         article{border-top:1px solid #b1b4b6;padding:.5rem 0}pre{white-space:pre-wrap;font:inherit}</style></head>\
         <body><main><h1>Outbox (development only)</h1>\
         <p>No SMTP server is configured, so these emails were not sent. Set <code>SUPERVISION_SMTP_URL</code> to deliver them.</p>",
    );
    if messages.is_empty() {
        html.push_str("<p>No emails yet.</p>");
    }
    for m in &messages {
        let _ = write!(
            html,
            "<article><h2>{subject}</h2><p>To {to} · written {at}</p><pre>{body}</pre></article>",
            subject = escape(&m.subject),
            to = escape(&m.to_address),
            at = m.created_at.format("%-d %b %Y %H:%M UTC"),
            body = escape(&m.body),
        );
    }
    html.push_str("</main></body></html>");
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            // Its own small style sheet, inline; nothing else loads.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
        ],
        html,
    )
        .into_response())
}
