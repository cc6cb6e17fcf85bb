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
        Self::with_page(PAGE)
    }

    /// A front end whose index.html is `page`.
    fn with_page(page: &str) -> Self {
        let dir = test_dir().join(format!(
            "test_{}_static_{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let files: [(&str, &[u8]); 8] = [
            ("index.html", page.as_bytes()),
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

/// index.html as written (the build changes only its files' names): the
/// server draws into its placeholder, title and header.
const SHELL: &str = include_str!("../../../frontend/index.html");

/// The page as a signed-in client gets it.
async fn page_for(client: &Client, path: &str) -> (String, String) {
    let response = client
        .http
        .get(format!("{}{path}", client.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let cache = response
        .headers()
        .get(CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (cache, response.text().await.unwrap())
}

#[tokio::test]
async fn the_home_page_comes_with_the_records_waiting_for_the_person_drawn_in() {
    let front_end = BuiltFrontEnd::with_page(SHELL);
    let app = front_end.serve().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let link = format!(r#"href="/supervisions/{id}""#);

    let tom = app.sign_in(TOM).await;
    let (cache, html) = page_for(&tom, "/").await;
    assert_eq!(cache, "no-store", "it names the person's records");
    // Made for the person, so compressed as it is sent.
    let gzipped = tom
        .http
        .get(format!("{}/", tom.base))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.headers()[CONTENT_ENCODING], "gzip");
    let unzipped = crate::compression::gunzip(&gzipped.bytes().await.unwrap());
    assert_eq!(String::from_utf8(unzipped).unwrap(), html);
    assert!(
        html.contains("<title>My own supervisions – Supervision records</title>"),
        "{html}"
    );
    assert!(
        html.contains(r#"<h1 tabindex="-1">My own supervisions</h1>"#),
        "{html}"
    );
    assert!(
        html.contains("Waiting for you to agree or disagree ("),
        "{html}"
    );
    assert!(html.contains(&link), "the waiting record is a link: {html}");
    assert!(html.contains("Recorded by Priya Shah"), "{html}");
    assert!(
        html.contains(r#"<a href="/record">Record supervision</a>"#)
            && html.contains("Signed in as </span>Tom Reed"),
        "the header's navigation, as the app draws it: {html}"
    );
    assert!(
        !html.contains("/supervisees"),
        "Tom supervises no one: {html}"
    );
    assert!(
        !html.contains("preload"),
        "the app's files wait until the page is on screen: {html}"
    );
    // Tom is supervised: under the waiting records, when his next
    // supervision of each kind is due, as the app's query tells it.
    assert!(
        html.contains(r#"<h2 id="compliance-heading">When my next supervision is due</h2>"#),
        "{html}"
    );
    let standings = tom
        .gql(
            "{ myCompliance { category status nextDue } }",
            serde_json::json!({}),
        )
        .await;
    let standings = standings["data"]["myCompliance"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(standings.len(), 3, "{standings:?}");
    let mut at = 0;
    for (standing, (category, kind)) in standings.iter().zip([
        ("CLINICAL", "Clinical"),
        ("MANAGEMENT", "Line management"),
        ("CASE", "Case"),
    ]) {
        assert_eq!(standing["category"], category, "{standings:?}");
        let class = standing["status"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .replace('_', "-");
        let item = format!(
            r#"<h3 class="compliance-kind">{kind}</h3><span class="tag tag-status tag-{class}">"#
        );
        let found = html[at..]
            .find(&item)
            .unwrap_or_else(|| panic!("{item} in order: {html}"));
        at += found + item.len();
    }

    // Someone else's home does not show it.
    let aisha = app.sign_in(AISHA).await;
    let (_, html) = page_for(&aisha, "/").await;
    assert!(!html.contains(&link), "{html}");

    // Someone nobody supervises is not told when supervision is due.
    let grace = app.sign_in(GRACE).await;
    let (_, html) = page_for(&grace, "/").await;
    assert!(html.contains("first-view"), "{html}");
    assert!(!html.contains("compliance-heading"), "{html}");

    // Agreed with, it waits no more.
    let body = tom
        .gql(
            "mutation($id: UUID!) { validateSupervision(id: $id, decision: AGREE, comment: \"\") { id } }",
            serde_json::json!({ "id": id }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let (_, html) = page_for(&tom, "/").await;
    assert!(!html.contains(&link), "{html}");

    // Signed out: sent to sign in at once, to come back here, rather than
    // given the app to load only to be sent on by it.
    let not_following = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = not_following
        .get(format!("{}/?tab=a", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/signin?return=/%3Ftab%3Da");
    app.stop().await;
}

#[tokio::test]
async fn the_development_sign_in_comes_with_its_introduction_drawn_in() {
    let front_end = BuiltFrontEnd::with_page(SHELL);
    let app = front_end.serve().await;
    let (cache, html) = page_for(&app.anonymous(), "/signin").await;
    assert_eq!(cache, "no-cache");
    assert!(html.contains(r#"<h1 tabindex="-1">Sign in</h1>"#), "{html}");
    assert!(html.contains("This is a development sign-in."), "{html}");
    assert!(!html.contains(r#"<nav"#), "no one is signed in: {html}");
    app.stop().await;
}
