//! The built front end (`scripts/build-frontend.sh` writes it): each file
//! sent precompressed as the browser asks (`.br`, else `.gz`, else as it
//! is), and cached by what it is. A file whose name carries its content's
//! hash (`app-3f9a1c2b.js`) never changes, so browsers keep it for a year
//! without asking again; `index.html`, which names the current hashed files,
//! is checked each time (`no-cache`: a 304 when unchanged). Any other path
//! gets `index.html`, so deep links such as `/supervisions/{id}` load the app.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower::{Layer, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// For files named by their content's hash.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// For everything else: kept, but checked with the server before each use.
const NO_CACHE: &str = "no-cache";

/// The fewest hex digits taken as a content hash in a file's name (the build
/// writes 8).
const HASH_DIGITS: usize = 8;

/// Serves the files in `static_dir`, with `index.html` for any path that is
/// not one of them.
pub fn service(static_dir: &Path) -> Router {
    // The fallback marks its own answer, so a hashed-looking path that is
    // not a file (an old build's, say) gets the page uncached, never a year.
    let index = SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static(NO_CACHE),
    )
    .layer(
        ServeFile::new(static_dir.join("index.html"))
            .precompressed_br()
            .precompressed_gzip(),
    );
    let files = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
}

/// index.html as any other path gets it (precompressed as asked, checked
/// each time), for the first pages when the server has drawn nothing into
/// it (backend/src/web/first_page.rs).
pub async fn index_page(static_dir: &Path, request: Request) -> Response {
    let served = ServeFile::new(static_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(request)
        .await;
    let mut response = match served {
        Ok(response) => response.map(axum::body::Body::new),
        Err(never) => match never {},
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Sets `Cache-Control` (unless the fallback did) and `Vary`.
async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    // 304 too: its headers replace the stored ones in the browser's cache.
    let served = matches!(
        response.status(),
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
    );
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        let policy = if hashed && served {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    // The same URL answers br, gzip or plain by Accept-Encoding: a shared
    // cache on the way must keep them apart.
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether the path's last segment is `name-HASH.ext`, HASH being lowercase
/// hex digits as the build writes them.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = file.rsplit_once('.') else {
        return false;
    };
    let Some((name, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !name.is_empty()
        && hash.len() >= HASH_DIGITS
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn names_carrying_a_content_hash_are_told_apart_from_the_rest() {
        for hashed in [
            "/app-3f9a1c2b.js",
            "/app_bg-0123abcd.wasm",
            "/style-f4996d97.css",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/app.js",
            "/supervisions/0192f0a4-8c1e-7d3a-9b2e-1f4c5d6e7a8b",
            "/app-3f9a1c2b.js.br",
            "/app-3F9A1C2B.js",
            "/app-3f9a.js",
            "/-3f9a1c2b.js",
        ] {
            assert!(!is_hashed(plain), "{plain}");
        }
    }
}
