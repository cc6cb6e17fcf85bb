//! The front end's files: sent precompressed as the browser asks, hashed
//! files kept for a year, the page checked each time (issue 13: a phone on a
//! slow connection). The server sends a `.br` or `.gz` sibling as it is, so
//! each copy here holds its own marker rather than real compressed bytes.

use std::path::PathBuf;

use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE, VARY,
};

use crate::helpers::*;

const APP_JS: &str = "app-0123abcd.js";
const APP_WASM: &str = "app_bg-89abcdef.wasm";
const PAGE: &str = "<!doctype html><title>Supervision records</title>";

/// A built front end in a folder of its own, removed when dropped (and, if a
/// test stops first, by the next run's sweep of `test_<pid>_…`).
struct BuiltFrontEnd(PathBuf);

impl BuiltFrontEnd {
    fn new() -> Self {
        let dir = test_dir().join(format!(
            "test_{}_static_{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let files: [(&str, &[u8]); 8] = [
            ("index.html", PAGE.as_bytes()),
            ("index.html.br", b"page, brotli"),
            ("index.html.gz", b"page, gzip"),
            (APP_JS, b"export default function init() {}"),
            ("app-0123abcd.js.br", b"script, brotli"),
            ("app-0123abcd.js.gz", b"script, gzip"),
            (APP_WASM, b"\0asm\x01\0\0\0"),
            ("app_bg-89abcdef.wasm.br", b"wasm, brotli"),
        ];
        for (name, content) in files {
            std::fs::write(dir.join(name), content).unwrap();
        }
        Self(dir)
    }

    async fn serve(&self) -> TestApp {
        TestApp::spawn_with(&[("SUPERVISION_STATIC_DIR", &self.0.display().to_string())]).await
    }
}

impl Drop for BuiltFrontEnd {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One answer's status, the headers the tests read, and its body.
struct Answer {
    status: u16,
    encoding: String,
    content_type: String,
    cache_control: String,
    vary: String,
    csp: String,
    body: String,
}

async fn get(app: &TestApp, path: &str, accept_encoding: &str) -> Answer {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .header(ACCEPT_ENCODING, accept_encoding)
        .send()
        .await
        .unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    Answer {
        status: response.status().as_u16(),
        encoding: header(CONTENT_ENCODING),
        content_type: header(CONTENT_TYPE),
        cache_control: header(CACHE_CONTROL),
        vary: header(VARY),
        csp: header(CONTENT_SECURITY_POLICY),
        body: String::from_utf8_lossy(&response.bytes().await.unwrap()).into_owned(),
    }
}

#[tokio::test]
async fn files_are_sent_as_brotli_else_gzip_else_as_they_are() {
    let front_end = BuiltFrontEnd::new();
    let app = front_end.serve().await;
    let script = format!("/{APP_JS}");
    for (asked, encoding, body) in [
        ("br", "br", "script, brotli"),
        ("gzip, deflate, br, zstd", "br", "script, brotli"),
        ("gzip", "gzip", "script, gzip"),
        ("br;q=0.5, gzip", "gzip", "script, gzip"),
        ("identity", "", "export default function init() {}"),
        ("deflate", "", "export default function init() {}"),
    ] {
        let answer = get(&app, &script, asked).await;
        assert_eq!(answer.status, 200, "{asked}");
        assert_eq!(answer.encoding, encoding, "{asked}");
        assert_eq!(answer.body, body, "{asked}");
        assert!(
            answer.content_type.contains("javascript"),
            "the type is the file's, not the copy's: {asked}: {}",
            answer.content_type
        );
        assert!(
            answer.vary.to_ascii_lowercase().contains("accept-encoding"),
            "{asked}: {}",
            answer.vary
        );
    }

    let wasm = get(&app, &format!("/{APP_WASM}"), "gzip, br").await;
    assert_eq!(
        (wasm.encoding.as_str(), wasm.body.as_str()),
        ("br", "wasm, brotli")
    );
    assert_eq!(
        wasm.content_type, "application/wasm",
        "streaming compilation needs it"
    );
    let no_gzip_copy = get(&app, &format!("/{APP_WASM}"), "gzip").await;
    assert_eq!(
        no_gzip_copy.encoding, "",
        "a missing copy falls back to the file"
    );
    assert_eq!(no_gzip_copy.body.as_bytes(), b"\0asm\x01\0\0\0");
    app.stop().await;
}

#[tokio::test]
async fn hashed_files_are_kept_for_a_year_and_the_page_is_checked_each_time() {
    let front_end = BuiltFrontEnd::new();
    let app = front_end.serve().await;
    for path in [format!("/{APP_JS}"), format!("/{APP_WASM}")] {
        let answer = get(&app, &path, "br").await;
        assert_eq!(
            answer.cache_control, "public, max-age=31536000, immutable",
            "{path}"
        );
    }

    for path in [
        "/",
        "/index.html",
        "/supervisions/0192f0a4-8c1e-7d3a-9b2e-1f4c5d6e7a8b",
        // An earlier build's file: the page, and not kept a year under that name.
        "/app-ffffffff.js",
    ] {
        let page = get(&app, path, "identity").await;
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(page.cache_control, "no-cache", "{path}");
        assert!(
            page.content_type.starts_with("text/html"),
            "{path}: {}",
            page.content_type
        );
        assert_eq!(page.body, PAGE, "{path}");
        assert!(
            page.csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "the security headers still apply: {path}"
        );

        let compressed = get(&app, path, "gzip, br").await;
        assert_eq!(
            (compressed.encoding.as_str(), compressed.body.as_str()),
            ("br", "page, brotli"),
            "{path}"
        );
        assert_eq!(compressed.cache_control, "no-cache", "{path}");
        assert!(compressed.content_type.starts_with("text/html"), "{path}");
    }
    app.stop().await;
}

#[tokio::test]
async fn the_api_gets_no_caching_headers() {
    let front_end = BuiltFrontEnd::new();
    let app = front_end.serve().await;
    let health = get(&app, "/health/live", "br").await;
    assert_eq!(health.status, 200);
    assert_eq!(health.cache_control, "", "no caching header on the API");
    assert_eq!(health.vary, "");
    let session = get(&app, "/auth/session", "br").await;
    assert_eq!(session.cache_control, "");
    assert_eq!(session.encoding, "");
    app.stop().await;
}
