//! Security headers on every response (the app's files, the API, sign-in,
//! health checks). A response that sets its own keeps it: an attachment's
//! sandboxing policy, the self-contained export's.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// Only the app's own scripts, styles and WebAssembly; no plug-ins, no
/// `<base>`, never framed, forms only to itself. `wasm-unsafe-eval` is what
/// compiling the app's WebAssembly needs (it allows no JavaScript `eval`);
/// the one icon is an empty `data:` URL.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// No camera, microphone, location or the like: the app uses none of them.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), \
     usb=(), serial=(), bluetooth=(), interest-cohort=()";

/// Two years, as the HSTS preload list asks.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// Adds the headers to every response of `router`; `https` (the public URL
/// is https) adds Strict-Transport-Security too.
pub fn with_headers(router: Router, https: bool) -> Router {
    let mut headers: Vec<(HeaderName, &'static str)> = vec![
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Links in emails name records: no other site learns them.
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    if https {
        headers.push((header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY));
    }
    headers.into_iter().fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ))
    })
}
