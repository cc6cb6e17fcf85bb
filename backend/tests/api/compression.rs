//! Answers the server makes are sent compressed when the browser asks
//! (issue 13: a phone's every visit downloaded the home page's answers as
//! they were); small answers and files passed on are sent as they are.

use std::io::Read;

use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, VARY};
use serde_json::{Value, json};

use crate::helpers::*;

/// A page of the list the home page shows: well over the smallest size
/// compressed.
const LIST: &str = "{ mySupervisions(first: 20) { nodes { id kind heldOn \
    recordedBy { name jobTitle teamName } attendees { supervisee { name jobTitle } validationState } } } }";

/// Posts a GraphQL query asking for `encoding` (none when empty); the
/// answer's `Content-Encoding`, `Vary` and raw bytes.
async fn graphql(client: &Client, query: &str, encoding: &str) -> (String, String, Vec<u8>) {
    let mut request = client
        .http
        .post(format!("{}/graphql", client.base))
        .header("x-requested-with", "supervision")
        .json(&json!({ "query": query }));
    if !encoding.is_empty() {
        request = request.header(ACCEPT_ENCODING, encoding);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (encoded, vary) = (header(CONTENT_ENCODING), header(VARY));
    (encoded, vary, response.bytes().await.unwrap().to_vec())
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut plain)
        .unwrap();
    plain
}

#[tokio::test]
async fn the_apis_answers_are_compressed_as_the_browser_asks() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;

    let (encoded, _, plain) = graphql(&tom, LIST, "").await;
    assert_eq!(encoded, "", "not asked for: sent as it is");
    let answer: Value = serde_json::from_slice(&plain).unwrap();
    assert!(answer["errors"].is_null(), "{answer}");
    assert!(plain.len() > 4096, "a large answer: {} bytes", plain.len());

    let (encoded, vary, gzipped) = graphql(&tom, LIST, "gzip").await;
    assert_eq!(encoded, "gzip");
    assert!(
        vary.to_ascii_lowercase().contains("accept-encoding"),
        "{vary}"
    );
    assert!(
        gzipped.len() * 3 < plain.len(),
        "{} of {}",
        gzipped.len(),
        plain.len()
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&gunzip(&gzipped)).unwrap(),
        answer,
        "the same answer"
    );

    // Brotli first, as browsers list it.
    let (encoded, _, brotli) = graphql(&tom, LIST, "gzip, deflate, br, zstd").await;
    assert_eq!(encoded, "br");
    assert!(brotli.len() * 3 < plain.len());

    // A small answer is not worth it.
    let (encoded, _, small) = graphql(&tom, "{ me { name } }", "gzip, br").await;
    assert_eq!(encoded, "", "{}", String::from_utf8_lossy(&small));

    // A CSV report is text the server makes too (the first page's HTML:
    // static_files.rs).
    let helen = app.sign_in(HELEN).await;
    let division = helen.first_report_unit().await;
    let csv = helen
        .http
        .get(format!(
            "{}/reports/compliance.csv?unit={division}",
            helen.base
        ))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()[CONTENT_ENCODING], "gzip");
    let rows = String::from_utf8(gunzip(&csv.bytes().await.unwrap())).unwrap();
    assert!(rows.lines().count() > 5, "{rows}");
    app.stop().await;
}

#[tokio::test]
async fn an_attachment_is_sent_as_it_was_uploaded() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    let record = record_group(&priya, &[tom]).await;
    // A PDF larger than the smallest size compressed, and very compressible.
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend(std::iter::repeat_n(b'a', 20_000));
    pdf.extend(b"\ntrailer\n%%EOF\n");
    let response = priya.upload(record, "plan.pdf", &pdf).await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let download = priya
        .http
        .get(format!("{}/attachments/{id}", priya.base))
        .header(ACCEPT_ENCODING, "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert!(download.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(download.bytes().await.unwrap().as_ref(), pdf.as_slice());
    app.stop().await;
}
