//! Answers compressed as the browser asks (brotli, else gzip): the API's
//! JSON, the first page's HTML and the CSV reports. The home page's dozen
//! answers were 50 KB on every visit, sent as they were (issue 13). The
//! app's own files are compressed once, at build time, and served as
//! they are ([`super::static_files`]); attachments (photos, PDFs, Office
//! files, compressed already and large) are passed on as they are.
//!
//! BREACH (guessing a secret in a compressed answer from its length) needs
//! a page that reflects what another site sends beside that secret: every
//! API call needs the client header another site cannot send, and the
//! answers hold no token to guess.

use axum::http::{Extensions, HeaderMap, StatusCode, Version, header};
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Below this an answer is sent as it is: compressing `{"data":{"me":…}}`
/// costs more than the bytes it saves.
const SMALLEST: u16 = 1024;

/// A fast level: answers are made for each request, and brotli's best
/// takes tens of milliseconds on a large one for a few per cent more.
const LEVEL: i32 = 4;

/// What is compressed: text the server makes, not files it passes on.
fn is_made_text(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| {
            [
                "application/json",
                "application/graphql-response+json",
                "text/html",
                "text/csv",
            ]
            .iter()
            .any(|made| kind.starts_with(made))
        })
}

/// The layer for the API's routes.
pub fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(LEVEL))
        .compress_when(SizeAbove::new(SMALLEST).and(is_made_text))
}
