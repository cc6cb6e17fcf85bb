//! Attachments (F3.8): the type is decided by the content, not the name;
//! downloads follow exactly the rules for reading the record's content and
//! are always sent as downloads; deleting one is recorded.

use serde_json::json;

use crate::helpers::*;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

impl Client {
    /// Uploads a file the way the front end does.
    pub async fn upload(&self, record: uuid::Uuid, name: &str, bytes: &[u8]) -> reqwest::Response {
        self.try_upload(record, name, bytes).await.unwrap()
    }

    /// Uploads a file; a server that refuses a body over the limit may
    /// answer and close the connection before the client has sent it all,
    /// which the client can see as the connection going.
    pub async fn try_upload(
        &self,
        record: uuid::Uuid,
        name: &str,
        bytes: &[u8],
    ) -> reqwest::Result<reqwest::Response> {
        self.http
            .post(format!("{}/supervisions/{record}/attachments", self.base))
            .header("x-requested-with", "supervision")
            .header("content-type", "application/octet-stream")
            .header("x-file-name", name)
            .body(bytes.to_vec())
            .send()
            .await
    }

    /// GETs a path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }
}

async fn uploaded(app: &TestApp) -> (uuid::Uuid, String) {
    let priya = app.sign_in(PRIYA).await;
    let (tom, aisha) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    let record = record_group(&priya, &[tom, aisha]).await;
    let response = priya.upload(record, "Care%20plan.pdf", PDF).await;
    assert_eq!(response.status(), 201);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["contentType"], "application/pdf");
    assert_eq!(body["fileName"], "Care plan.pdf");
    (record, body["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_download_follows_the_rules_for_reading_the_records_content() {
    let app = TestApp::spawn().await;
    let (record, id) = uploaded(&app).await;
    let path = format!("/attachments/{id}");

    for email in [PRIYA, TOM, AISHA] {
        let response = app.sign_in(email).await.get(&path).await;
        assert_eq!(response.status(), 200, "{email}");
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "application/pdf");
        assert!(
            headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;"),
            "always a download"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(response.bytes().await.unwrap().as_ref(), PDF);
    }
    // The management chain knows the session happened, not its content.
    assert_eq!(app.sign_in(HELEN).await.get(&path).await.status(), 403);
    // Anyone else: as if it did not exist.
    for email in [OWEN, GRACE, SOFIA] {
        assert_eq!(
            app.sign_in(email).await.get(&path).await.status(),
            404,
            "{email}"
        );
    }
    assert_eq!(app.anonymous().get(&path).await.status(), 401);

    // Listed on the record for those who may read it.
    let body = app
        .sign_in(TOM)
        .await
        .gql(
            "query($id: UUID!) { supervision(id: $id) { attachments { fileName contentType sizeBytes downloadUrl uploadedBy { name } } } }",
            json!({ "id": record }),
        )
        .await;
    let listed = &body["data"]["supervision"]["attachments"][0];
    assert_eq!(listed["downloadUrl"], path.as_str());
    assert_eq!(listed["uploadedBy"]["name"], "Priya Shah");
    assert_eq!(listed["sizeBytes"], PDF.len());
    app.stop().await;
}

#[tokio::test]
async fn a_file_is_judged_by_its_content_and_a_refused_one_writes_nothing() {
    let app = TestApp::spawn_with(&[("SUPERVISION_ATTACHMENT_MAX_MB", "1")]).await;
    let priya = app.sign_in(PRIYA).await;
    let record = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let refused: [(&str, Vec<u8>); 4] = [
        (
            "notes.pdf",
            b"<!DOCTYPE html><script>steal()</script>".to_vec(),
        ),
        (
            "diagram.png",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>".to_vec(),
        ),
        ("empty.txt", Vec::new()),
        ("huge.pdf", [PDF, &vec![b' '; 1024 * 1024]].concat()),
    ];
    for (name, bytes) in refused {
        let response = match priya.try_upload(record, name, &bytes).await {
            Ok(response) => response,
            // Over the limit, refused before the whole body was read.
            Err(err) if name == "huge.pdf" && (err.is_request() || err.is_body()) => continue,
            Err(err) => panic!("{name}: {err:?}"),
        };
        let status = response.status().as_u16();
        assert!(status == 400 || status == 413, "{name}: {status}");
        if status == 400 {
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["code"], "VALIDATION_FAILED", "{name}");
            assert_eq!(body["fields"][0]["field"], "file", "{name}");
        }
    }
    assert_eq!(app.count("attachment").await, 0, "nothing written");
    // A photo named as a document is stored as the photo it is.
    let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0rest-of-photo";
    let response = priya.upload(record, "letter.docx", jpeg).await;
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["contentType"], "image/jpeg");
    assert_eq!(body["fileName"], "letter.jpg");
    // Without the client header (a cross-site form), nothing is accepted.
    let forged = priya
        .http
        .post(format!("{}/supervisions/{record}/attachments", priya.base))
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    // Only the record's recorder and supervisees attach files.
    let helen = app.sign_in(HELEN).await;
    assert_eq!(helen.upload(record, "x.pdf", PDF).await.status(), 403);
    let owen = app.sign_in(OWEN).await;
    assert_eq!(owen.upload(record, "x.pdf", PDF).await.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn deleting_an_attachment_is_recorded_and_the_file_is_gone() {
    let app = TestApp::spawn().await;
    let (_, id) = uploaded(&app).await;
    let delete = "mutation($id: UUID!) { deleteAttachment(id: $id) { deletedAt } }";
    // A supervisee did not attach it and did not record the session.
    let tom = app.sign_in(TOM).await;
    assert_eq!(
        error_code(&tom.gql(delete, json!({ "id": id })).await),
        Some("FORBIDDEN")
    );
    let priya = app.sign_in(PRIYA).await;
    let body = priya.gql(delete, json!({ "id": id })).await;
    assert!(
        body["data"]["deleteAttachment"]["deletedAt"].is_string(),
        "{body}"
    );
    assert_eq!(priya.get(&format!("/attachments/{id}")).await.status(), 404);
    let files = walk(&attachment_dir());
    assert!(
        !files.iter().any(|f| f.ends_with(&id)),
        "the bytes are deleted from the store"
    );
    use backend::entity::audit_event;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("attachment.delete"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    app.stop().await;
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[tokio::test]
async fn a_phone_photo_of_several_megabytes_is_accepted_up_to_the_configured_limit() {
    let app = TestApp::spawn_with(&[("SUPERVISION_ATTACHMENT_MAX_MB", "6")]).await;
    let priya = app.sign_in(PRIYA).await;
    let record = record_group(&priya, &[app.staff_id(TOM).await]).await;
    // Over axum's own 2 MB default, well within the organisation's limit.
    let photo = [PDF, &vec![b' '; 5 * 1024 * 1024]].concat();
    let response = priya.upload(record, "whiteboard.pdf", &photo).await;
    assert_eq!(response.status(), 201);
    // Over the organisation's limit: refused, and nothing is written.
    let too_big = [PDF, &vec![b' '; 7 * 1024 * 1024]].concat();
    match priya.try_upload(record, "big.pdf", &too_big).await {
        Ok(response) => {
            let status = response.status();
            assert!(status == 400 || status == 413, "{status}");
        }
        // Refused before the whole body was read: the connection went.
        Err(err) => assert!(err.is_request() || err.is_body(), "{err:?}"),
    }
    assert_eq!(app.count("attachment").await, 1);
    app.stop().await;
}

/// Issue 19: readiness covers the attachment store, so a load balancer
/// stops sending work to an instance that cannot keep files; liveness does
/// not (the instance is not broken, and restarting it would not help). When
/// the store can be written again, the instance is ready again by itself.
#[tokio::test]
async fn readiness_says_no_while_the_attachment_store_cannot_be_written() {
    let store = test_dir().join(format!("attachments-{}-ready", std::process::id()));
    std::fs::create_dir_all(&store).unwrap();
    let store_setting = store.display().to_string();
    let app =
        TestApp::spawn_with(&[("SUPERVISION_ATTACHMENT_STORE", store_setting.as_str())]).await;
    let http = reqwest::Client::new();
    let status = |path: &'static str| {
        let request = http.get(format!("{}{path}", app.base));
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status("/health/ready").await, 200);

    // The store's folder is gone, a file in its place: nothing can be written.
    std::fs::remove_dir_all(&store).unwrap();
    std::fs::write(&store, b"not a folder").unwrap();
    assert_eq!(status("/health/ready").await, 503);
    assert_eq!(status("/health/live").await, 200);

    std::fs::remove_file(&store).unwrap();
    std::fs::create_dir_all(&store).unwrap();
    assert_eq!(status("/health/ready").await, 200);
    app.stop().await;
}

/// Issue 19: with the store unwritable (a full disk, a folder gone), an
/// upload is refused with `UNAVAILABLE` and a sentence saying what to do,
/// and no attachment row is left pointing at a file that is not there.
#[tokio::test]
async fn an_upload_while_the_store_cannot_be_written_is_refused_plainly_and_records_nothing() {
    let store = test_dir().join(format!(
        "attachments-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    std::fs::create_dir_all(&store).unwrap();
    let setting = store.display().to_string();
    let app = TestApp::spawn_with(&[("SUPERVISION_ATTACHMENT_STORE", setting.as_str())]).await;
    let priya = app.sign_in(PRIYA).await;
    let record = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let before = app.count("attachment").await;

    std::fs::remove_dir_all(&store).unwrap();
    std::fs::write(&store, b"not a folder").unwrap();
    let refused = priya.upload(record, "Care%20plan.pdf", PDF).await;
    assert_eq!(refused.status(), 503);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "UNAVAILABLE", "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("not attached"),
        "{body}"
    );
    assert_eq!(
        app.count("attachment").await,
        before,
        "no row for a file not stored"
    );

    std::fs::remove_file(&store).unwrap();
    std::fs::create_dir_all(&store).unwrap();
    assert_eq!(
        priya.upload(record, "Care%20plan.pdf", PDF).await.status(),
        201
    );
    assert_eq!(app.count("attachment").await, before + 1);
    app.stop().await;
}
